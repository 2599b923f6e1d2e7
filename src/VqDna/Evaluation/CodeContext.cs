namespace VqDna.Evaluation;

/// <summary>
/// Code-context measure of a learned tokenizer on held-out windows (issue 21): per quantizer level, how much
/// a code knows about its own base and about the bases around it. Positions within <see cref="MaxOffset"/>
/// of a window's edge, or with an N within <see cref="MaxOffset"/>, are left out.
/// </summary>
/// <param name="Samples">Positions counted.</param>
/// <param name="MaxOffset">D: offsets run from −D to +D.</param>
/// <param name="ContextCeilingBits">H(bases i−r…i+r | base_i) for r = 1…R: the most context any code could carry.</param>
/// <param name="Levels">Level 1 first.</param>
public sealed record CodeContext(long Samples, int MaxOffset, double[] ContextCeilingBits, IReadOnlyList<LevelContext> Levels);
