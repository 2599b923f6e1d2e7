using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Benchmarks;
using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Inference;
using VqDna.ModelFolders;
using VqDna.Models.Baselines;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch.NN;
using VqDna.Training.Baselines;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Reports.Charts;
using VqDna.Torch.Distributed;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna finetune`: fine-tune a pre-trained encoder on a GUE-layout task (VQDNA stage 3).</summary>
internal sealed class FinetuneCommand : VerbCommand<FinetuneSettings>
{
    private static readonly LoRAConfig LoRADefaults = new();

    private readonly Argument<string> task = new("task") { Description = "task folder in the GUE layout: train.csv, dev.csv, test.csv (header sequence,label)" };
    private readonly Option<string> model = new("--model", "-m") { Description = "pre-trained model folder (from `vqdna pretrain`)", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = "output folder: metrics.json, labels.json, the adapter or model", Required = true };
    private readonly Choice<FinetuneMode> mode = new("--mode", "lora (adapters + head, encoder frozen), full, or probe (linear head on the frozen encoder)", FinetuneConfig.DefaultMode);
    private readonly Option<int> rank = new("--lora-r") { Description = "LoRA rank", DefaultValueFactory = _ => LoRADefaults.R };
    private readonly Option<double> alpha = new("--lora-alpha") { Description = "LoRA alpha (scaling alpha / r)", DefaultValueFactory = _ => LoRADefaults.Alpha };
    private readonly Option<double> dropout = new("--lora-dropout") { Description = "dropout on the LoRA input", DefaultValueFactory = _ => LoRADefaults.Dropout };
    private readonly Option<string> targets = new("--lora-targets") { Description = "comma-separated module names to adapt", DefaultValueFactory = _ => string.Join(",", LoRADefaults.Targets) };
    private readonly Option<double> epochs = new("--epochs") { Description = "passes over the training split", DefaultValueFactory = _ => FinetuneConfig.DefaultEpochs };
    private readonly Option<int> steps = new("--steps") { Description = "optimizer steps (overrides --epochs; 0: count epochs)", DefaultValueFactory = _ => 0 };
    private readonly Option<int> batch = new("--batch") { Description = "sequences per step", DefaultValueFactory = _ => FinetuneConfig.DefaultBatchSize };
    private readonly Option<double?> lr = new("--lr") { Description = "peak learning rate (default 1e-3 for lora and probe, 1e-4 for full)" };
    private readonly Option<double> patience = new("--patience") { Description = "epochs without a better dev MCC before stopping, never in the first quarter of the run (0: never)", DefaultValueFactory = _ => FinetuneConfig.DefaultPatience };
    private readonly Option<int?> warmup = new("--warmup-steps") { Description = "linear warm-up steps before the cosine decay (default: a tenth of the run, at most 100)" };
    private readonly Option<double?> weightDecay = new("--weight-decay") { Description = $"AdamW weight decay (default {new OptimizationConfig().WeightDecay:G4})" };
    private readonly Option<double?> minLrRatio = new("--min-lr-ratio") { Description = $"where the cosine decay ends, as a fraction of the peak learning rate (default {new OptimizationConfig().MinLrRatio:G4}; 1: constant after the warm-up, 0: down to zero)" };
    private readonly Option<double?> finetuneDropout = new("--dropout") { Description = "dropout on the head and the encoder's hidden states while fine-tuning (default: the backbone's, 0.1 in every preset)" };
    private readonly Option<bool> linearHead = new("--linear-head") { Description = "full fine-tuning with one Linear from the pooled vector to the classes instead of RoBERTa's dense-tanh-Linear head" };
    private readonly Option<bool> freezeEmbedding = new("--freeze-embedding") { Description = "full fine-tuning with the encoder's input layer (token embeddings, or a learned tokenizer's input projection) held at its pre-trained weights" };
    private readonly Option<bool> pooledBatchNorm = new("--pooled-batchnorm") { Description = "standardise the pooled vector per feature (a BatchNorm without scale or shift: batch statistics in training, running ones after) before the head; full fine-tuning or a probe" };
    private readonly Option<int> evalEvery = new("--eval-every") { Description = "steps between dev evaluations (0: four per epoch)", DefaultValueFactory = _ => 0 };
    private readonly Option<int> maxTrain = new("--max-train") { Description = "use at most this many training examples (0: all)", DefaultValueFactory = _ => 0 };
    private readonly Option<int> maxDev = MaxDevOption.Create();
    private readonly Option<bool> reverseComplement = ReverseComplementOption.Create();
    private readonly Choice<SequencePooling> pooling = new("--pooling", "what the head reads: the mean of the hidden states over the real tokens, their maximum (a motif at any one position can decide), or both side by side (max and mean-max: full or probe only; --mode lora defaults to mean)", FinetuneConfig.DefaultPooling(FinetuneConfig.DefaultMode));
    private readonly Option<ulong> seed = new("--seed") { Description = "random seed (head, adapters, batch order, dropout)", DefaultValueFactory = _ => OptimizationConfig.DefaultSeed };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("a learned tokenizer's encoder (frozen; its vectors are the input)");
    private readonly Option<bool> overwrite = OverwriteOption.Create();
    private readonly DeviceOptions device = new(precision: true);
    private readonly Option<bool> merge = new("--merge") { Description = "also write a plain model folder with the LoRA adapter folded into the weights" };
    private readonly Option<string> baselines = new("--baselines")
    {
        Description = "classical baselines scored on the same rows and test split after the run, each with one line against the model: kmer-lr (seconds), cnn " +
            "(trained for the run's epochs into OUTPUT/baselines/cnn: minutes, and on motif tasks the stronger of the two), " +
            $"both ({BaselineKinds.BothNames}), or none",
        DefaultValueFactory = _ => BaselineKind.KmerLr.Name(),
    };
    private readonly Option<bool> bundle = new("--bundle") { Description = "copy the pre-trained base into OUTPUT/base and record it there, so the LoRA folder moves alone" };

    protected override bool DataParallel => true;

    protected override Command Declare()
    {
        var command = new Command("finetune", "Fine-tune a pre-trained encoder on a labelled task and score it on dev and test")
        {
            task, model, output, mode.Option, rank, alpha, dropout, targets, epochs, steps, batch, lr, warmup, weightDecay, minLrRatio, finetuneDropout, linearHead, freezeEmbedding, pooledBatchNorm, patience, evalEvery, maxTrain, maxDev, pooling.Option, reverseComplement, seed, merge, bundle, engine.Option, overwrite, keepCheckpoints, baselines,
        };
        device.AddTo(command);
        return command;
    }

    private readonly Option<bool> keepCheckpoints = KeepCheckpointsOption.Create();

    protected override FinetuneSettings Bind(ParseResult parse) => new(
        parse.GetValue(task)!, parse.GetValue(model)!, parse.GetValue(output)!, mode.Get(parse), parse.GetValue(rank), parse.GetValue(alpha),
        parse.GetValue(dropout), parse.GetValue(targets)!, parse.GetValue(epochs), parse.GetValue(steps), parse.GetValue(batch), parse.GetValue(lr),
        parse.GetValue(patience), parse.GetValue(evalEvery), parse.GetValue(maxTrain), parse.GetValue(seed), parse.GetValue(merge), engine.Get(parse), parse.GetValue(overwrite))
        { KeepCheckpoints = parse.GetValue(keepCheckpoints), Compute = device.Read(parse), Bundle = parse.GetValue(bundle), Pooling = parse.GetValue(pooling.Option) ?? FinetuneConfig.DefaultPooling(mode.Get(parse)), MaxDev = parse.GetValue(maxDev), ReverseComplement = parse.GetValue(reverseComplement),
          Baselines = parse.GetValue(baselines)!, WarmupSteps = parse.GetValue(warmup), WeightDecay = parse.GetValue(weightDecay), MinLrRatio = parse.GetValue(minLrRatio), FinetuneDropout = parse.GetValue(finetuneDropout),
          LinearHead = parse.GetValue(linearHead), FreezeEmbedding = parse.GetValue(freezeEmbedding), PooledBatchNorm = parse.GetValue(pooledBatchNorm) };

    protected override int Run(FinetuneSettings settings)
    {
        var console = Terminal.Out;
        var config = settings.ToConfig();
        var compute = settings.Compute.Resolve();
        if (settings.Compute.EngineNote(settings.Engine) is { } note) console.MarkupLine(Markup.Escape(note));
        var gue = GueTask.Load(settings.Task);
        ShowClassCounts(console, gue);
        var group = ProcessGroup.Default;                                  // set by DistributedOptions under torchrun or --nproc
        if (group is not { IsMain: false })                                // a stale CNN checkpoint refused now, not after the model's training
            foreach (var kind in settings.BaselineList)
                ClassicalBaselines.CheckResumable(gue, kind, BaselineConfig.Matching(config), FinetuneSettings.BaselineFolder(settings.Output, kind));
        var result = TrainingDisplay.Run(Finetuner.Steps(gue, config, group?.WorldSize ?? 1),
            progress => Finetuner.Train(gue, settings.Model, config, settings.Output, settings.Merge, progress, tokenizerEngine: settings.Engine, group: group, compute: compute));
        TrainingRunCharts.Finetuning(settings.Output, result, group);
        if (!settings.KeepCheckpoints) RunFolder.RemoveTrainingState(settings.Output, group, Finetuner.BestFile);
        if (settings.Bundle && group is not { IsMain: false })
            console.MarkupLine($"bundled the base model into [bold]{Markup.Escape(Paths.Describe(AdapterBundle.Bundle(settings.Output)))}[/]");
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{result.Task} · {result.Tokenizer} · {result.Mode}"));
        table.AddColumn("split").AddColumn("MCC").AddColumn("macro F1").AddColumn("accuracy").AddColumn("n");
        foreach (var (name, m) in new[] { ("dev", result.Dev), ("test", result.Test) })
            table.AddRow(name, $"{m.Mcc:F3}", $"{m.F1Macro:F3}", $"{m.Accuracy:F3}", $"{m.Count}");
        console.Write(table);
        ShowBaselines(console, gue, result, config, settings, group);
        console.MarkupLine($"best dev MCC at step {result.BestStep} of {result.Steps}{(result.StoppedEarly ? " (stopped early)" : "")}, {result.Minutes:F1} min; " +
            $"written to [bold]{Markup.Escape(settings.Output)}[/]; next: vqdna predict INPUT --model {Markup.Escape(settings.Output)} -o predictions.csv");
        return 0;
    }

    /// <summary>
    /// The baselines of --baselines on the same rows and test split, one line each, a warning when the model loses: the
    /// k-mer LR fitted in memory (seconds), the CNN trained into OUTPUT/baselines/cnn (a predict-able folder) by rank 0 alone.
    /// </summary>
    private static void ShowBaselines(IAnsiConsole console, GueTask task, FinetuneResult result, FinetuneConfig config, FinetuneSettings settings, ProcessGroup? group)
    {
        if (group is { IsMain: false }) return;
        string metric = TaskMetric.For(task.Name);
        double model = TaskMetric.Of(metric, result.Test.Mcc, result.Test.F1Macro);
        foreach (var kind in settings.BaselineList)
        {
            BaselineResult baseline;
            if (kind == BaselineKind.KmerLr) baseline = ClassicalBaselines.KmerLrScore(task, config);
            else
            {
                var directory = FinetuneSettings.BaselineFolder(settings.Output, kind);
                console.MarkupLine($"[blue]{Markup.Escape($"{kind.Name()} baseline → {directory}")}[/]");
                baseline = BaselineRun.Fit(console, task, kind, BaselineConfig.Matching(config), directory, settings.KeepCheckpoints);
            }
            var (text, loses) = ClassicalBaselines.Compare(metric, model, baseline);
            console.MarkupLine(loses ? $"[yellow]warning: {Markup.Escape(text)}[/]" : Markup.Escape(text));
        }
    }

    private static void ShowClassCounts(IAnsiConsole console, GueTask task)
    {
        var counts = ClassCounts.Of(task);
        string Counts(long[] split) => string.Join(", ", split.Select((n, c) => $"{task.Labels.Names[c]} {n}"));
        console.MarkupLine(Markup.Escape($"task {task.Name}: {task.Labels.Count} classes; train {Counts(counts.Train)}; dev {Counts(counts.Dev)}; test {Counts(counts.Test)}"));
        if (task.DevSplit is { } carved) console.MarkupLine(Markup.Escape(carved));
    }
}
