namespace VqDna.Inference;

/// <summary>What one prediction or embedding covers: a whole input (Start 0, End its length) or one window of it.</summary>
/// <param name="Id">The input's id (record id, a CSV row's 'id' column, or its row number).</param>
/// <param name="Start">0-based first nucleotide within the input.</param>
/// <param name="End">One past the last nucleotide.</param>
/// <param name="Sequence">The nucleotides [Start, End).</param>
/// <param name="Label">The input's true label when it carries one (a CSV 'label' column), else null.</param>
public sealed record PredictionSpan(string Id, int Start, int End, string Sequence, string? Label = null)
{
    /// <summary>The whole of <paramref name="input"/>.</summary>
    public static PredictionSpan Whole(PredictionInput input) => new(input.Id, 0, input.Sequence.Length, input.Sequence, input.Label);

    /// <summary><paramref name="input"/>'s windows, in order (<see cref="SequenceWindows.Spans"/>).</summary>
    public static IEnumerable<PredictionSpan> Cut(PredictionInput input, SequenceWindows windows) =>
        windows.Spans(input.Sequence.Length)
            .Select(s => new PredictionSpan(input.Id, s.Start, s.End, input.Sequence[s.Start..s.End], input.Label));
}
