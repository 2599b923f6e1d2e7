using System.Globalization;
using VqDna.Inputs;
using VqDna.IO;

namespace VqDna.Inference;

/// <summary>
/// `vqdna predict`'s loop, streamed: inputs (whole, or windows cut by <see cref="PredictionInputs.ReadSpans"/>) are
/// classified <c>batch</c> at a time as they come, so memory holds one batch whatever the input's size. Sequences
/// longer than the model's context are chunked by the engine itself, on both engines.
/// </summary>
/// <param name="classifier">The fine-tuned classifier, on its engine, or a classical baseline.</param>
/// <param name="batch">Sequences (records or windows) per forward pass.</param>
public sealed class Predictor(IClassifierModel classifier, int batch)
{
    /// <summary>
    /// Memory available to the process, of which one batch's tokens may take half (default:
    /// <see cref="MemoryBudget.AvailableBytes"/>, read at each batch).
    /// </summary>
    public long? AvailableBytes { get; init; }

    /// <summary>Predictions in input order (windows in position order), yielded batch by batch.</summary>
    public IEnumerable<Prediction> Predict(IEnumerable<PredictionSpan> spans)
    {
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "--batch must be positive");
        var pending = new List<PredictionSpan>(batch);
        foreach (var span in spans)
        {
            pending.Add(span);
            if (pending.Count == batch)
                foreach (var p in Flush(pending)) yield return p;
        }
        foreach (var p in Flush(pending)) yield return p;
    }

    private List<Prediction> Flush(List<PredictionSpan> pending)
    {
        if (pending.Count == 0) return [];
        CheckFits(pending);
        var probabilities = classifier.Probabilities(pending.Select(p => p.Sequence).ToList(), batch);
        var result = pending.Select((p, i) => new Prediction(p.Id, p.Start, p.End, probabilities[i], p.Label)).ToList();
        pending.Clear();
        return result;
    }

    /// <summary>
    /// A batch's records are read whole (a fine-tuned model tokenizes a record before encoding its chunks, chunk-and-pool
    /// needing every token; the CNN baseline one-hot encodes it): refuses, before allocating, a batch that would take more
    /// than half the memory available (<see cref="IClassifierModel.BytesPerNucleotide"/>), naming its longest input and
    /// the way out (issue 19: memory bounded by design; windows stream, one window in memory).
    /// </summary>
    private void CheckFits(List<PredictionSpan> pending)
    {
        long bytesPerNt = classifier.BytesPerNucleotide;
        double estimate = pending.Sum(p => (double)p.Sequence.Length) * bytesPerNt;
        long available = AvailableBytes ?? MemoryBudget.AvailableBytes();
        if (estimate <= available / 2.0) return;
        var longest = pending.MaxBy(p => p.Sequence.Length)!;
        long total = pending.Sum(p => (long)p.Sequence.Length);
        var batchText = pending.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $", in a batch of {pending.Count} totalling {total:N0} bp")
            : "";
        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"'{longest.Id}' ({longest.Sequence.Length:N0} bp{batchText}) would be read whole: about " +
            $"{estimate / (1 << 30):F1} GiB ({bytesPerNt} bytes per nucleotide for {classifier.Description}), " +
            $"more than half of the {available / (double)(1 << 30):F1} GiB available; " +
            $"predict windows along it instead (--window, streamed: one window in memory) or lower --batch"));
    }
}
