namespace VqDna.Inference;

/// <summary>The prediction for one record, or for one window [Start, End) of it.</summary>
/// <param name="Id">The input's id.</param>
/// <param name="Start">0-based first nucleotide (0 for a whole record).</param>
/// <param name="End">One past the last nucleotide (the record's length for a whole record).</param>
/// <param name="Probabilities">One per class, in the order of the model's labels.</param>
/// <param name="Label">The input's true label, if it had one.</param>
public sealed record Prediction(string Id, int Start, int End, float[] Probabilities, string? Label)
{
    /// <summary>The index of the most probable class (the first on ties).</summary>
    public int Predicted => Array.IndexOf(Probabilities, Probabilities.Max());
}
