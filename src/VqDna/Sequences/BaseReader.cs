namespace VqDna.Sequences;

/// <summary>
/// A source of one sequence's normalised bases (A, C, G, T, N) in chunks: fills <paramref name="destination"/>
/// from the start and returns how many it wrote, 0 at the end. <see cref="Readers.SequenceStreamReader.Read"/> is one.
/// </summary>
public delegate int BaseReader(Span<char> destination);
