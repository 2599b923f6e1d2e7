namespace VqDna.Tokenizers.Learned;

/// <summary>One record tokenized by <see cref="TokenizeJob"/>.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Length">Bases (positions) in the record.</param>
/// <param name="NBases">N positions, ambiguity codes read as N included: they have the code -1.</param>
/// <param name="AmbiguousBases">IUPAC ambiguity codes other than N (R Y S W K M B D H V) that were read as N.</param>
public sealed record TokenizedRecord(string Id, long Length, long NBases, long AmbiguousBases);
