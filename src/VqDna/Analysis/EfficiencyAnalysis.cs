using System.Diagnostics;
using VqDna.Datasets;
using VqDna.IO;
using VqDna.Inference;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Tokenizers.Learned;
using VqDna.Reports.Charts;

namespace VqDna.Analysis;

/// <summary>Settings of the tokenization-efficiency study.</summary>
/// <param name="BasePreset">Preset whose width and depth every variant shares.</param>
/// <param name="CodebookSizes">K values compared for VQ and HRQ (the paper: 128, 256, 512, 1024).</param>
/// <param name="CodeDims">Code dimensions compared at K = <see cref="DimStudyCodebookSize"/> (the paper: 256, 384, 768).</param>
/// <param name="DimStudyCodebookSize">K of the code-dimension study (the paper: 512).</param>
/// <param name="DefaultCodeDim">Code dimension of the codebook-size study.</param>
/// <param name="Steps">Training steps per tokenizer.</param>
/// <param name="WindowLength">Training window.</param>
/// <param name="BatchSize">Training batch.</param>
/// <param name="Seed">Seed of every run.</param>
/// <param name="Engine">What runs the trained encoders for the linear probe's embeddings (training always runs on libtorch).</param>
public sealed record EfficiencySettings(
    TokenizerPreset BasePreset = TokenizerPreset.Tiny,
    int[]? CodebookSizes = null,
    int[]? CodeDims = null,
    int DimStudyCodebookSize = 512,
    int DefaultCodeDim = 256,
    int Steps = 300,
    int WindowLength = 256,
    int BatchSize = 16,
    ulong Seed = 0,
    InferenceEngine Engine = InferenceDefaults.Engine)
{
    /// <summary>The paper's codebook sizes, compared when none are given.</summary>
    public static readonly IReadOnlyList<int> PaperCodebookSizes = [128, 256, 512, 1024];

    /// <summary>The paper's code dimensions, compared when none are given.</summary>
    public static readonly IReadOnlyList<int> PaperCodeDims = [256, 384, 768];

    public int[] Sizes => CodebookSizes ?? [.. PaperCodebookSizes];
    public int[] Dims => CodeDims ?? [.. PaperCodeDims];
}

/// <summary>One trained variant and its scores.</summary>
public sealed record EfficiencyRow(string Study, string Quantizer, int CodebookSize, int CodeDim, double ReconstructionAccuracy,
    double CodesUsed, double Perplexity, double ProbeMcc, double ProbeMacroF1, double ProbeAccuracy, double TrainMinutes);

/// <summary>
/// The paper's tokenization-efficiency table at our scale: codebook sizes × {VQ, HRQ} at one code dimension,
/// then code dimensions at K = 512, each scored by held-out reconstruction, codebook usage and a linear probe
/// of its frozen mean-pooled embeddings on a labelled task. Every variant trains into its own folder under
/// the output, so an interrupted study resumes where it stopped.
/// </summary>
public static class EfficiencyAnalysis
{
    public static IReadOnlyList<EfficiencyRow> Run(GenomeCorpus corpus, GueTask probeTask, EfficiencySettings settings, string outputDirectory,
        IProgress<string>? log = null, IProgress<TrainingProgress>? training = null)
    {
        var variants = settings.Sizes.SelectMany(k => new[] { ("codebook size", QuantizerKind.Vq, k, settings.DefaultCodeDim), ("codebook size", QuantizerKind.Hrq, k, settings.DefaultCodeDim) })
            .Concat(settings.Dims.SelectMany(d => new[] { ("code dim", QuantizerKind.Vq, settings.DimStudyCodebookSize, d), ("code dim", QuantizerKind.Hrq, settings.DimStudyCodebookSize, d) }))
            .Distinct()
            .ToList();
        var rows = new List<EfficiencyRow>();
        foreach (var (study, kind, k, d) in variants)
        {
            var model = VqTokenizerConfig.Preset(settings.BasePreset, kind) with { CodebookSize = k, CodeDim = d };
            var optimization = TokenizerTrainingConfig.DefaultOptimization(settings.Steps, settings.Seed) with { CheckpointEvery = Math.Max(1, settings.Steps / 5) };
            var config = new TokenizerTrainingConfig(model, optimization, settings.WindowLength, settings.BatchSize);
            var directory = Path.Combine(outputDirectory, $"{model.Kind}-k{k}-d{d}");
            log?.Report($"{study}: {model.Kind} K={k} D={d} → {directory}");
            var watch = Stopwatch.StartNew();
            var evaluation = TokenizerTrainer.Train(corpus, config, directory, training);
            TrainingRunCharts.Tokenizer(directory, model.Kind, evaluation);
            using var tokenizer = TokenizerEngines.Load(directory, engine: settings.Engine);
            var probe = TokenizerProbe.Evaluate(tokenizer, probeTask, settings.Seed);
            double used = evaluation.Levels.Sum(l => l.FractionUsed * l.CodebookSize) / evaluation.Levels.Sum(l => l.CodebookSize);
            rows.Add(new EfficiencyRow(study, model.Kind, k, d, evaluation.ReconstructionAccuracy, used, evaluation.Levels[^1].Perplexity,
                probe.Test.Mcc, probe.Test.MacroF1, probe.Test.Accuracy, watch.Elapsed.TotalMinutes));
        }
        JsonFiles.Write(Path.Combine(outputDirectory, "efficiency.json"), new { settings, task = probeTask.Name, rows });
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, "efficiency.md"), Markdown(rows, settings, probeTask.Name));
        return rows;
    }

    public static string Markdown(IReadOnlyList<EfficiencyRow> rows, EfficiencySettings settings, string task)
    {
        var lines = new List<string>
        {
            $"# Tokenization efficiency ({settings.BasePreset.ToString().ToLowerInvariant()} preset, {settings.Steps} steps, seed {settings.Seed})",
            "",
            $"Held-out reconstruction accuracy, codebook usage over held-out windows (all levels), finest-level perplexity, and a linear probe " +
            $"(frozen mean-pooled embeddings, logistic regression) on the test split of `{task}`.",
            "",
            "| study | quantizer | K | code dim | reconstruction | codes used | perplexity | probe MCC | probe macro F1 | minutes |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        lines.AddRange(rows.Select(r => $"| {r.Study} | {r.Quantizer.ToUpperInvariant()} | {r.CodebookSize} | {r.CodeDim} | {100 * r.ReconstructionAccuracy:F2}% | " +
            $"{100 * r.CodesUsed:F1}% | {r.Perplexity:F1} | {r.ProbeMcc:F3} | {r.ProbeMacroF1:F3} | {r.TrainMinutes:F1} |"));
        return string.Join("\n", lines) + "\n";
    }
}
