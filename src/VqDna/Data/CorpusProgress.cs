namespace VqDna.Data;

/// <summary>Progress of <see cref="CorpusFetcher.Fetch"/>: which step runs for which source.</summary>
/// <param name="Done">Sources finished so far.</param>
/// <param name="Total">Sources in all.</param>
/// <param name="Species">The source being worked on.</param>
/// <param name="Step">What is happening: "download", "count", "cached", "done".</param>
public sealed record CorpusProgress(int Done, int Total, string Species, string Step);
