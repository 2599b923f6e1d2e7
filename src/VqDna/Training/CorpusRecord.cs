namespace VqDna.Training;

/// <summary>One record of the corpus and where its held-out tail starts.</summary>
public sealed record CorpusRecord(string File, string Id, string Sequence)
{
    public int HeldOutStart => (int)(Sequence.Length * (1 - GenomeCorpus.HeldOutFraction));
}
