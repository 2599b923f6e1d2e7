namespace VqDna.Data;

/// <summary>One line of the corpus manifest: a genome file, its size and where it came from.</summary>
/// <param name="Species">As in <see cref="CorpusSource.Species"/>.</param>
/// <param name="File">Absolute path of the extracted file.</param>
/// <param name="Records">Number of sequence records in the file.</param>
/// <param name="BasePairs">Total sequence length (bases after normalisation, N included).</param>
/// <param name="Package">The Debian package it was extracted from.</param>
/// <param name="PathInPackage">Its path inside that package.</param>
public sealed record CorpusEntry(string Species, string File, int Records, long BasePairs, string Package, string PathInPackage);
