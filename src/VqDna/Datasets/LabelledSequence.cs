namespace VqDna.Datasets;

/// <summary>One example of a labelled task: a normalised sequence and its class index.</summary>
/// <param name="Sequence">Normalised to A, C, G, T, N.</param>
/// <param name="Label">Index into the task's <see cref="LabelSet"/>.</param>
public readonly record struct LabelledSequence(string Sequence, int Label);
