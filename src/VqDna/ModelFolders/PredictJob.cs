using System.Diagnostics;
using System.Globalization;
using VqDna.Evaluation;
using VqDna.Inference;
using VqDna.IO;
using VqDna.Models.Engines;
using VqDna.Sequences;
using VqDna.Torch;

namespace VqDna.ModelFolders;

/// <summary>
/// `vqdna predict`: a fine-tuned model folder's (or a `vqdna baseline` model's) labels and class probabilities, one CSV row per input sequence
/// (<c>id,predicted,p_LABEL…</c>) or, with windows, per window along each record (<c>id,start,end,…</c>), optionally
/// also as BED regions. Streamed: records are read, scored in context-sized chunks and written as they come, so memory
/// does not grow with the input (issue 20). A <c>label</c> column in a CSV input is scored.
/// </summary>
public static class PredictJob
{
    /// <summary>Seconds between progress reports.</summary>
    public const double ProgressSeconds = 5;

    /// <summary>What a prediction run did.</summary>
    /// <param name="Rows">Sequences (or windows) predicted.</param>
    /// <param name="Bases">Nucleotides they cover.</param>
    /// <param name="Seconds">Wall time.</param>
    /// <param name="Scores">Scores against the input's label column, when it had one with labels the model knows.</param>
    /// <param name="UnknownLabels">Labels in the input the model does not know (not scored).</param>
    /// <param name="Labels">The model's labels.</param>
    public sealed record Summary(long Rows, long Bases, double Seconds, ClassificationMetrics? Scores, IReadOnlyList<string> UnknownLabels, IReadOnlyList<string> Labels);

    /// <param name="input">A CSV with a sequence column (and optional id and label columns), or a FASTA, GenBank or FASTQ file.</param>
    /// <param name="modelDirectory">A `vqdna finetune` output folder, or a `vqdna baseline` model folder (OUT/cnn, OUT/kmer-lr).</param>
    /// <param name="output">The predictions CSV ("-" for standard output).</param>
    /// <param name="batchSize">Sequences (or windows) per forward pass.</param>
    /// <param name="engine">What runs the forward passes.</param>
    /// <param name="windows">Windows along each record, or null for one prediction per record.</param>
    /// <param name="bed">A BED file of the predicted regions (needs <paramref name="windows"/>), or null.</param>
    /// <param name="force">Use a LoRA adapter's base even when its weights differ from those it was trained on.</param>
    /// <param name="warnings">Hears the warning <paramref name="force"/> lets through.</param>
    /// <param name="progress">Hears a progress line every <see cref="ProgressSeconds"/>.</param>
    /// <param name="device">Where the model runs (the CPU unless given; on a GPU the engine is libtorch).</param>
    public static Summary Run(string input, string modelDirectory, string output, int batchSize = SequenceClassifier.DefaultBatchSize,
        InferenceEngine engine = InferenceDefaults.Engine, SequenceWindows? windows = null, string? bed = null, bool force = false,
        IProgress<string>? warnings = null, IProgress<string>? progress = null, Device? device = null)
    {
        using var model = PredictableModel.Load(modelDirectory, engine, force, device);
        if (model.BaseWarning is { } warning) warnings?.Report(warning);
        if (model.Note is { } note) progress?.Report(note);
        var labels = model.Labels.Names;
        using var writer = new AtomicWriter(output);
        using var bedFile = bed is null ? null : new AtomicWriter(bed);
        var regions = bedFile is null ? null : new BedWriter(bedFile.Writer, labels, windows!);
        writer.Writer.WriteLine((windows is null ? "id," : "id,start,end,") + "predicted," + string.Join(",", labels.Select(l => "p_" + l)));
        var truth = new List<int>();
        var predicted = new List<int>();
        var unknownLabels = new SortedSet<string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        double lastReport = 0;
        long rows = 0, bases = 0;
        foreach (var p in new Predictor(model.Classifier, batchSize).Predict(PredictionInputs.ReadSpans(input, windows)))
        {
            var probabilities = string.Join(",", p.Probabilities.Select(x => x.ToString("G6", CultureInfo.InvariantCulture)));
            writer.Writer.WriteLine(windows is null
                ? $"{p.Id},{labels[p.Predicted]},{probabilities}"
                : string.Create(CultureInfo.InvariantCulture, $"{p.Id},{p.Start},{p.End},{labels[p.Predicted]},{probabilities}"));
            regions?.Add(p);
            if (p.Label is { } label)
            {
                int index = model.Labels.IndexOf(label);
                if (index < 0) unknownLabels.Add(label);
                else { truth.Add(index); predicted.Add(p.Predicted); }
            }
            rows++;
            bases += p.End - p.Start;
            if (watch.Elapsed.TotalSeconds - lastReport >= ProgressSeconds)
            {
                lastReport = watch.Elapsed.TotalSeconds;
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"predicted {rows:N0} {(windows is null ? "sequence(s)" : "window(s)")}, {bases / 1000.0:N1} kbp, {bases / lastReport / 1000:F1} kbp/s"));
            }
        }
        regions?.Finish();
        writer.Commit();
        bedFile?.Commit();
        var scores = truth.Count > 0 ? ClassificationMetrics.Compute(truth, predicted, labels.Count) : null;
        return new Summary(rows, bases, watch.Elapsed.TotalSeconds, scores, unknownLabels.ToList(), labels);
    }
}
