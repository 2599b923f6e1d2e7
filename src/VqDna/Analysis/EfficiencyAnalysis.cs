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

/// <summary>
/// The paper's tokenization-efficiency table at our scale: codebook sizes × {VQ, HRQ} at one code dimension,
/// then code dimensions at K = 512, each scored by held-out reconstruction, codebook usage and a linear probe
/// of its frozen mean-pooled embeddings on a labelled task. Every variant trains into its own folder under
/// the output, so an interrupted study resumes where it stopped.
/// </summary>
public static class EfficiencyAnalysis
{
    /// <summary>
    /// Trains and scores every variant of <paramref name="settings"/> under <paramref name="outputDirectory"/>, then writes efficiency.json
    /// and efficiency.md there; returns one row per variant.
    /// </summary>
    public static IReadOnlyList<EfficiencyRow> Run(GenomeCorpus corpus, GueTask probeTask, EfficiencySettings settings, string outputDirectory,
        IProgress<string>? log = null, IProgress<TrainingProgress>? training = null)
    {
        settings.Validate();
        var rows = new List<EfficiencyRow>();
        foreach (var variant in settings.Variants())
        {
            var (study, _, k, d) = variant;
            var config = settings.TrainingConfig(variant);
            var model = config.Model;
            var directory = Path.Combine(outputDirectory, $"{model.Kind}-k{k}-d{d}");
            log?.Report($"{study}: {model.Kind} K={k} D={d} → {directory}");
            var watch = Stopwatch.StartNew();
            var evaluation = TokenizerTrainer.Train(corpus, config, directory, training);
            TrainingRunCharts.Tokenizer(directory, config, evaluation);
            using var tokenizer = TokenizerEngines.Load(directory, engine: settings.Engine);
            var probe = TokenizerProbe.Evaluate(tokenizer, probeTask, settings.Seed);
            double used = evaluation.Levels.Sum(l => l.FractionUsed * l.CodebookSize) / evaluation.Levels.Sum(l => l.CodebookSize);
            rows.Add(new EfficiencyRow(study, model.Kind, k, d, evaluation.ReconstructionAccuracy, used, evaluation.Levels[^1].Perplexity,
                probe.Test.Mcc, probe.Test.MacroF1, probe.Test.Accuracy, watch.Elapsed.TotalMinutes, evaluation.Context));
        }
        JsonFiles.Write(Path.Combine(outputDirectory, "efficiency.json"), new { settings, task = probeTask.Name, rows });
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, "efficiency.md"), Markdown(rows, settings, probeTask.Name));
        return rows;
    }

    /// <summary>The efficiency table of <paramref name="rows"/> as a Markdown page, probe task <paramref name="task"/> named.</summary>
    public static string Markdown(IReadOnlyList<EfficiencyRow> rows, EfficiencySettings settings, string task)
    {
        var lines = new List<string>
        {
            $"# Tokenization efficiency ({settings.BasePreset.Name()} preset, {settings.Steps} steps, seed {settings.Seed})",
            "",
            $"Held-out reconstruction accuracy, codebook usage over held-out windows (all levels), finest-level perplexity, and a linear probe " +
            $"(frozen mean-pooled embeddings, logistic regression) on the test split of `{task}`. " +
            "Code context, per level (level 1 / level 2): I(code;base) is what a code says about its own base, context r is " +
            "I(code_i; bases i−r…i+r | base_i), what it says about its neighbours beyond that (bits, plug-in with the Miller–Madow " +
            "correction; 0 for a relabelling of bases).",
            "",
            "| study | quantizer | K | code dim | reconstruction | codes used | perplexity | I(code;base) | context r=1 | context r=2 | probe MCC | probe macro F1 | minutes |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        lines.AddRange(rows.Select(r => $"| {r.Study} | {r.Quantizer.ToUpperInvariant()} | {r.CodebookSize} | {r.CodeDim} | {100 * r.ReconstructionAccuracy:F2}% | " +
            $"{100 * r.CodesUsed:F1}% | {r.Perplexity:F1} | {r.PerLevel(l => l.BaseBits)} | {r.PerLevel(l => l.ContextBits[0], "F3")} | " +
            $"{r.PerLevel(l => l.ContextBits.Length > 1 ? l.ContextBits[1] : double.NaN, "F3")} | {r.ProbeMcc:F3} | {r.ProbeMacroF1:F3} | {r.TrainMinutes:F1} |"));
        return string.Join("\n", lines) + "\n";
    }
}
