using System.Globalization;
using System.Text;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Reports;
using VqDna.Reports.Charts;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Pretraining;

namespace VqDna.Quickstart;

/// <summary>report.md of the quickstart: what ran, the scores table, and the figures (relative links, so the folder can move).</summary>
internal static class QuickstartReport
{
    public const string FileName = "report.md";
    public const string FiguresFolder = "figures";

    public static string Write(QuickstartConfig config, TokenizerEvaluation tokenizer, IReadOnlyList<PretrainingResult> pretrained,
        IReadOnlyList<QuickstartScore> scores, IReadOnlyList<QuickstartTask> tasks, IReadOnlyList<QuickstartStage> stages, IReadOnlyList<string> reused, TimeSpan elapsed)
    {
        var root = config.OutputDirectory;
        var labels = scores.Select(s => s.Tokenizer).Distinct().ToList();
        var taskNames = tasks.Select(t => t.Name).ToList();
        var bars = ScoreBarsChart.Save(taskNames,
            labels.Select(l => new ScoreSeries(l,
                taskNames.Select(t => Mean(Of(scores, t, l).Select(s => s.TestMcc))).ToList(),
                taskNames.Select(t => Std(Of(scores, t, l).Select(s => s.TestMcc))).ToList())).ToList(),
            Path.Combine(root, FiguresFolder, "test_mcc"),
            new ChartLabels($"Test MCC, {QuickstartRunner.ModeName(config)} vs {QuickstartRunner.BaselineLabel} (mean ± std)", "task", "test MCC"));

        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("# VQDNA quickstart").AppendLine();
        md.AppendLine(string.Create(inv, $"Written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `vqdna quickstart` in {elapsed.TotalMinutes:F1} min " +
            $"({Environment.ProcessorCount} cores{(reused.Count > 0 ? $"; {reused.Count} finished stage(s) reused from an earlier run" : "")}).") +
            " Every number comes from the embedded genomes (`data/genomes`) at toy scale: it shows the method working end to end, not the paper's results.");
        md.AppendLine();
        md.AppendLine("## Results").AppendLine();
        md.AppendLine("| task | tokenizer | dev MCC | test MCC | test macro F1 | test accuracy | runs |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var task in taskNames)
            foreach (var label in labels)
            {
                var runs = Of(scores, task, label).ToList();
                if (runs.Count == 0) continue;
                md.AppendLine(string.Create(inv, $"| {task} | {label} | {Cell(runs.Select(r => r.DevMcc))} | **{Cell(runs.Select(r => r.TestMcc))}** | " +
                    $"{Cell(runs.Select(r => r.TestF1))} | {Cell(runs.Select(r => r.TestAccuracy))} | {runs.Count} |"));
            }
        md.AppendLine();
        md.AppendLine($"*{QuickstartRunner.BaselineLabel}*: the classical baseline, no pre-training — overlapping k-mer frequencies (k 3–6) into logistic " +
            "regression, k and weight decay chosen on dev, the same training rows and test split.");
        md.AppendLine();
        foreach (var task in taskNames) md.AppendLine(BaselineVerdict(scores, task, labels));
        if (AnyLoses(scores, taskNames, labels))
            md.AppendLine().AppendLine(string.Create(inv, $"Where a fine-tuned model loses to it, we think the budget is why: each encoder was pre-trained on ") +
                string.Create(inv, $"{config.PretrainSteps} steps × {config.PretrainBatch} windows of {config.PretrainWindow} nt ({config.PretrainSteps * (double)config.PretrainBatch * config.PretrainWindow / 1e6:F2} Mbp; ") +
                string.Create(inv, $"the paper's stage 2 is 500k steps of 2,048 sequences) and adapted for {config.FinetuneEpochs} epochs ({QuickstartRunner.FinetuneRecipe(config).Mode.ToString().ToLowerInvariant()}), while the k-mer model reads the composition ") +
                "that separates species and coding DNA directly. `vqdna bench` with more pre-training steps measures how the gap moves.");
        md.AppendLine().AppendLine($"![test MCC per task and tokenizer]({Link(root, bars.Png)})").AppendLine();

        md.AppendLine("## Tasks").AppendLine();
        foreach (var t in tasks)
            md.AppendLine(string.Create(inv, $"- **{t.Name}** (`tasks/{t.Name}`): {t.Classes.Count} classes ({string.Join(", ", t.Classes)}); " +
                $"train {t.Train}, dev {t.Dev}, test {t.Test}. {t.Description}."));
        md.AppendLine("- The pre-training corpus is the same embedded genomes, so the encoders have seen the tasks' DNA without labels " +
            "(as a genome language model pre-trained on a reference would); the labelled splits never share a region.").AppendLine();

        md.AppendLine("## Stage 1: the HRQ tokenizer").AppendLine();
        md.AppendLine(string.Create(inv, $"Two-level HRQ (VQ-VAE with hierarchical residual quantization), {config.TokenizerPreset.Name()} preset, {config.TokenizerSteps} steps on 256-nt windows. " +
            $"Held-out reconstruction **{100 * tokenizer.ReconstructionAccuracy:F2}%**; codes used ") +
            string.Join(", ", tokenizer.Levels.Select((l, i) => string.Create(inv, $"level {i + 1}: {100 * l.FractionUsed:F1}% of {l.CodebookSize} (perplexity {l.Perplexity:F0})"))) + ".");
        md.AppendLine();
        AppendImage(md, root, Path.Combine(root, "tokenizer", TokenizerTrainer.CodeUsageFile + ".png"), "held-out code usage per level");
        AppendImage(md, root, Path.Combine(root, "tokenizer", TrainingCurvesChart.LossName + ".png"), "tokenizer training loss");
        AppendImage(md, root, Path.Combine(root, "tokenizer", TrainingCurvesChart.CodeUsageName + ".png"), "codes used during training");

        md.AppendLine("## Stage 2: masked modeling").AppendLine();
        md.AppendLine(string.Create(inv, $"A tiny BERT-style encoder per tokenizer, the same size, windows ({config.PretrainWindow} nt × {config.PretrainBatch}) and steps ({config.PretrainSteps}); 25% of tokens masked.") +
            " Masked accuracy is not comparable across tokenizers (a code, a 6-mer and a base are different targets).");
        md.AppendLine();
        md.AppendLine("| tokenizer | held-out masked accuracy | held-out loss | tokens per nt | parameters | minutes |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        for (int i = 0; i < pretrained.Count; i++)
        {
            var p = pretrained[i];
            md.AppendLine(string.Create(inv, $"| {labels.ElementAtOrDefault(i) ?? p.Tokenizer} | {100 * p.Evaluation.MaskedAccuracy:F1}% | {p.Evaluation.Loss:F3} | " +
                $"{p.Evaluation.TokensPerNucleotide:F3} | {p.Parameters / 1e6:F2} M | {p.Minutes:F1} |"));
        }
        md.AppendLine();
        foreach (var label in labels)
        {
            AppendImage(md, root, Path.Combine(root, "pretrain-" + label, TrainingCurvesChart.LossName + ".png"), $"pre-training loss, {label}");
            AppendImage(md, root, Path.Combine(root, "pretrain-" + label, TrainingCurvesChart.ScoresName + ".png"), $"pre-training masked accuracy, {label}");
        }

        md.AppendLine("## Stage 3: fine-tuning").AppendLine();
        md.AppendLine(string.Create(inv, $"{Capitalized(FinetuneRecipeText.Of(QuickstartRunner.FinetuneRecipe(config)))}; {config.FinetuneSeeds} seed(s) per task and tokenizer. Dev curves of seed 0:"));
        md.AppendLine();
        foreach (var task in taskNames)
            foreach (var label in labels)
                AppendImage(md, root, Path.Combine(root, "finetune", $"{task}-{label}-seed0", TrainingCurvesChart.ScoresName + ".png"), $"fine-tuning {task} with {label}");

        md.AppendLine("## Time").AppendLine();
        md.AppendLine("| stage | wall s | CPU s |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var t in stages)
            md.AppendLine(string.Create(inv, $"| {t.Title}{(t.Reused ? " (reused)" : "")} | {t.WallSeconds:F0} | {t.CpuSeconds:F0} |"));
        md.AppendLine(string.Create(inv, $"| all (this run, report included) | {elapsed.TotalSeconds:F0} | {stages.Sum(t => t.CpuSeconds):F0} |"));
        md.AppendLine().AppendLine(string.Create(inv, $"CPU seconds are the process's over all threads; on an idle machine with {Environment.ProcessorCount} cores the wall time is about CPU / {Environment.ProcessorCount}, more when other work shares the cores.")).AppendLine();

        md.AppendLine("## Next").AppendLine();
        md.AppendLine("- Predict with a fine-tuned model: `./vqdna predict INPUT.fa --model " + Path.Combine(root, "finetune", $"{taskNames[0]}-{LabelOrFirst(labels)}-seed0") + " -o predictions.csv`");
        md.AppendLine("- Larger runs: `./vqdna tokenizer train` (the small preset, 600 steps; `--preset paper` for the paper's size), `./vqdna pretrain --tokenizer runs/tokenizer --preset small`, " +
            "`./vqdna finetune TASK_DIR --model runs/pretrain -o runs/finetune`; more data: `./vqdna data fetch`.");
        md.AppendLine("- Each stage's folder holds its config, metrics.jsonl, run.json (settings, seed, environment) and curves (PNG + SVG).");

        var path = Path.Combine(root, FileName);
        AtomicFile.WriteAllText(path, md.ToString());
        return path;
    }

    /// <summary>One line per task: does each tokenizer's fine-tuned model beat the baseline's mean test MCC, and by how much.</summary>
    private static string BaselineVerdict(IReadOnlyList<QuickstartScore> scores, string task, IReadOnlyList<string> labels)
    {
        var baseline = Of(scores, task, QuickstartRunner.BaselineLabel).Select(s => s.TestMcc).ToList();
        if (baseline.Count == 0) return "";
        double reference = baseline.Average();
        var parts = labels.Where(l => l != QuickstartRunner.BaselineLabel && Of(scores, task, l).Any()).Select(l =>
        {
            double gap = Mean(Of(scores, task, l).Select(s => s.TestMcc)) - reference;
            return string.Create(CultureInfo.InvariantCulture, $"{l} {(gap >= 0 ? "beats it by" : "loses by")} {Math.Abs(gap):F3}");
        });
        return string.Create(CultureInfo.InvariantCulture, $"- {task}: {QuickstartRunner.BaselineLabel} test MCC {reference:F3}; ") + string.Join(", ", parts) + " MCC.";
    }

    private static bool AnyLoses(IReadOnlyList<QuickstartScore> scores, IReadOnlyList<string> tasks, IReadOnlyList<string> labels) =>
        tasks.Any(task => Of(scores, task, QuickstartRunner.BaselineLabel).Any() && labels.Where(l => l != QuickstartRunner.BaselineLabel)
            .Any(l => Of(scores, task, l).Any() && Mean(Of(scores, task, l).Select(s => s.TestMcc)) < Mean(Of(scores, task, QuickstartRunner.BaselineLabel).Select(s => s.TestMcc))));

    private static string LabelOrFirst(List<string> labels) => labels.Count > 0 ? labels[0] : QuickstartRunner.LearnedLabel;

    private static IEnumerable<QuickstartScore> Of(IReadOnlyList<QuickstartScore> scores, string task, string label) =>
        scores.Where(s => s.Task == task && s.Tokenizer == label);

    private static void AppendImage(StringBuilder md, string root, string png, string alt)
    {
        if (!File.Exists(png)) return;
        md.AppendLine($"![{alt}]({Link(root, png)})").AppendLine();
    }

    private static string Link(string root, string file) => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }

    private static double Std(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count < 2) return 0;
        double mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }

    private static string Cell(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count < 2
            ? list[0].ToString("F3", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Mean(list):F3} ± {Std(list):F3}");
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
