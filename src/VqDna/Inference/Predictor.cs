namespace VqDna.Inference;

/// <summary>
/// `vqdna predict`'s loop, streamed: inputs are read as they come, cut into windows when asked
/// (<see cref="SequenceWindows"/>), and classified <c>batch</c> sequences at a time, so memory holds one batch
/// (and one record) whatever the input's size. Long sequences are chunked to the model's context by the engine
/// itself, on both engines.
/// </summary>
/// <param name="classifier">The fine-tuned classifier, on its engine.</param>
/// <param name="batch">Sequences (records or windows) per forward pass.</param>
/// <param name="windows">Windows to cut every record into, or null for one prediction per record.</param>
public sealed class Predictor(SequenceClassifier classifier, int batch, SequenceWindows? windows = null)
{
    /// <summary>Predictions in input order (windows in position order), yielded batch by batch.</summary>
    public IEnumerable<Prediction> Predict(IEnumerable<PredictionInput> inputs)
    {
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "--batch must be positive");
        var pending = new List<(PredictionInput Input, int Start, int End)>(batch);
        foreach (var input in inputs)
        {
            var spans = windows is null ? [(0, input.Sequence.Length)] : windows.Spans(input.Sequence.Length);
            foreach (var (start, end) in spans)
            {
                pending.Add((input, start, end));
                if (pending.Count == batch)
                    foreach (var p in Flush(pending)) yield return p;
            }
        }
        foreach (var p in Flush(pending)) yield return p;
    }

    private List<Prediction> Flush(List<(PredictionInput Input, int Start, int End)> pending)
    {
        if (pending.Count == 0) return [];
        var sequences = pending.Select(p => p.Start == 0 && p.End == p.Input.Sequence.Length ? p.Input.Sequence : p.Input.Sequence[p.Start..p.End]).ToList();
        var probabilities = classifier.Probabilities(sequences, batch);
        var result = pending.Select((p, i) => new Prediction(p.Input.Id, p.Start, p.End, probabilities[i], p.Input.Label)).ToList();
        pending.Clear();
        return result;
    }
}
