namespace VqDna.Training;

/// <summary>One record of the corpus and where its held-out tail starts.</summary>
public sealed record CorpusRecord(string File, string Id, string Sequence)
{
    /// <summary>Where the held-out tail starts: the last <see cref="GenomeCorpus.HeldOutFraction"/> of the sequence.</summary>
    public int HeldOutStart => (int)(Sequence.Length * (1 - GenomeCorpus.HeldOutFraction));
}
