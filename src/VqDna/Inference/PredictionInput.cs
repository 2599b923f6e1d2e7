namespace VqDna.Inference;

/// <summary>One sequence to predict or embed.</summary>
/// <param name="Id">Record id, a CSV row's 'id' column, or its row number.</param>
/// <param name="Sequence">Normalised nucleotides (A, C, G, T, N).</param>
/// <param name="Label">The true label when the input carries one (a CSV 'label' column), else null.</param>
public sealed record PredictionInput(string Id, string Sequence, string? Label = null);
