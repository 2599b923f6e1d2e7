namespace VqDna.Datasets.Builders;

/// <summary>The outcome of building one task group: its tasks, or the error that stopped it.</summary>
/// <param name="Group">The group name (species, coding, promoter, splice, tf).</param>
/// <param name="Tasks">The tasks written (empty when the group failed).</param>
/// <param name="Error">Why the group failed; null on success.</param>
public sealed record TaskGroupResult(string Group, IReadOnlyList<BuiltTask> Tasks, string? Error);
