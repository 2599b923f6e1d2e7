using System.Globalization;
using VqDna.Datasets;
using VqDna.Inference;
using VqDna.IO;
using VqDna.Models.Engines;
using VqDna.Sequences.Readers;

namespace VqDna.ModelFolders;

/// <summary>
/// `vqdna predict`: a fine-tuned model folder's labels and class probabilities for every input sequence, as CSV
/// (<c>id,predicted,p_LABEL…</c>). The input is a CSV with a sequence column (id = row number) or a FASTA,
/// GenBank or FASTQ file (id = record id, commas replaced). Sequences longer than the model's context are
/// encoded in chunks (<see cref="SequenceClassifier"/>).
/// </summary>
public static class PredictJob
{
    /// <summary>Predicts every sequence of <paramref name="input"/> into <paramref name="output"/> (atomically); returns how many.</summary>
    /// <param name="input">A CSV with a sequence column, or a FASTA, GenBank or FASTQ file.</param>
    /// <param name="modelDirectory">A `vqdna finetune` output folder.</param>
    /// <param name="output">The predictions CSV ("-" for standard output).</param>
    /// <param name="batchSize">Sequences per forward pass.</param>
    /// <param name="engine">What runs the forward passes.</param>
    /// <param name="force">Use a LoRA adapter's base even when its weights differ from those it was trained on.</param>
    /// <param name="warnings">Hears the warning <paramref name="force"/> lets through.</param>
    public static int Run(string input, string modelDirectory, string output, int batchSize = SequenceClassifier.DefaultBatchSize,
        InferenceEngine engine = InferenceDefaults.Engine, bool force = false, IProgress<string>? warnings = null)
    {
        var records = Read(input);
        using var finetuned = FinetunedModel.Load(modelDirectory, engine, force);
        if (finetuned.BaseWarning is { } warning) warnings?.Report(warning);
        var probabilities = finetuned.Classifier.Probabilities(records.Select(r => r.Sequence).ToList(), batchSize);
        var labels = finetuned.Labels.Names;
        using var writer = new AtomicWriter(output);
        writer.Writer.WriteLine("id,predicted," + string.Join(",", labels.Select(l => "p_" + l)));
        for (int i = 0; i < records.Count; i++)
        {
            var p = probabilities[i];
            writer.Writer.WriteLine($"{records[i].Id},{labels[ArgMax(p)]}," + string.Join(",", p.Select(x => x.ToString("G6", CultureInfo.InvariantCulture))));
        }
        writer.Commit();
        return records.Count;
    }

    /// <summary>The index of the largest probability (the first one on a tie).</summary>
    public static int ArgMax(float[] probabilities) => Array.IndexOf(probabilities, probabilities.Max());

    /// <summary>CSV rows (id = row number) or sequence records (id = record id, commas replaced).</summary>
    public static List<(string Id, string Sequence)> Read(string path)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return GueCsv.ReadSequences(path).Select((s, i) => ((i + 1).ToString(CultureInfo.InvariantCulture), s)).ToList();
        return SequenceFile.Read(path).Select(r => (r.Id.Replace(',', '_'), r.Sequence)).ToList();
    }
}
