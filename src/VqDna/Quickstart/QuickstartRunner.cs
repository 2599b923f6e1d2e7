using System.Diagnostics;
using VqDna.Datasets;
using VqDna.Datasets.Builders;
using VqDna.Inputs;
using VqDna.IO;
using VqDna.Models.Baselines;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Torch.NN;
using VqDna.Training;
using VqDna.Training.Baselines;
using VqDna.Models.Engines;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;
using VqDna.Reports.Charts;

namespace VqDna.Quickstart;

/// <summary>
/// The whole method on the embedded genomes, small: build two labelled tasks, learn an HRQ tokenizer,
/// pre-train a tiny encoder on its codes and another on a baseline tokenizer's ids under the same budget,
/// fine-tune both (the default recipe, <see cref="FinetuneConfig.DefaultMode"/>) on both tasks, fit the k-mer baseline on the same splits, and write report.md with the scores and figures. Each stage
/// leaves a quickstart.json in its folder when it finishes; a later run reuses finished stages (and the
/// trainers resume unfinished ones from their checkpoints) unless <see cref="QuickstartConfig.Force"/>.
/// </summary>
public static class QuickstartRunner
{
    /// <summary>The marker and summary each finished stage leaves in its folder.</summary>
    public const string StageFile = "quickstart.json";

    /// <summary>The label of the learned tokenizer in tables.</summary>
    public const string LearnedLabel = "hrq";

    /// <summary>The label of the classical baseline in tables.</summary>
    public static readonly string BaselineLabel = BaselineKind.KmerLr.Name();

    /// <summary>Species classes of the species task: label and the embedded file's name prefix.</summary>
    public static readonly IReadOnlyList<(string Label, string FilePrefix)> Species =
    [
        ("human", "human_chr20"),
        ("worm", "celegans_chrX"),
        ("e_coli", "ecoli_k12"),
        ("s_aureus", "saureus"),
        ("v_cholerae", "vcholerae"),
        ("m_maripaludis", "mmaripaludis"),
    ];

    /// <summary>
    /// The annotated genomes the coding task is cut from (GenBank CDS features): E. coli K-12 and the archaeon
    /// M. maripaludis. One 200-kb genome alone has too few clean intergenic windows for a dev and a test split.
    /// </summary>
    public static readonly IReadOnlyList<string> CodingGenBankPrefixes = ["ecoli_k12", "mmaripaludis"];

    /// <summary>
    /// Runs (or resumes) the quickstart. Its tokenizer, pre-training and fine-tuning stages train on
    /// <paramref name="compute"/>'s device and precision (the CPU in fp32 when not given); the k-mer baseline stays on the CPU.
    /// </summary>
    public static QuickstartResult Run(QuickstartConfig config, IQuickstartDisplay display, CancellationToken cancellation = default, DeviceSettings? compute = null)
    {
        config.Validate();
        compute ??= DeviceSettings.Cpu;
        var watch = Stopwatch.StartNew();
        var root = config.OutputDirectory;
        if (config.Force) Clean(root);
        Directory.CreateDirectory(root);
        string[] tokenizers = [LearnedLabel, TokenizerSpec.Parse(config.Baseline).Name];
        int stages = 2 + tokenizers.Length + 2 * tokenizers.Length + 1 + 1, stage = 0;
        var reused = new List<string>();
        var timings = new List<QuickstartStage>();
        var stageWatch = Stopwatch.StartNew();
        var stageCpu = Process.GetCurrentProcess().TotalProcessorTime;
        string? stageTitle = null;
        int reusedAtStart = 0;
        void Begin(string title)
        {
            End();
            (stageTitle, reusedAtStart, stageCpu) = (title, reused.Count, Process.GetCurrentProcess().TotalProcessorTime);
            stageWatch.Restart();
            display.Stage(++stage, stages, title);
        }
        void End()
        {
            if (stageTitle is null) return;
            timings.Add(new QuickstartStage(stageTitle, stageWatch.Elapsed.TotalSeconds,
                (Process.GetCurrentProcess().TotalProcessorTime - stageCpu).TotalSeconds, reused.Count > reusedAtStart));
        }

        Begin("building two tasks from the embedded genomes");
        var tasks = BuildTasks(config, display, reused);

        Begin($"learning an HRQ tokenizer ({config.TokenizerPreset.Name()} preset, two levels)");
        var corpus = GenomeCorpus.Load(config.Genomes);
        var tokenizerDirectory = Path.Combine(root, "tokenizer");
        var tokenizer = Reuse<TokenizerEvaluation>(tokenizerDirectory, "tokenizer", display, reused) ?? TrainTokenizer(config, corpus, tokenizerDirectory, display, cancellation, compute);
        display.Info($"held-out reconstruction {100 * tokenizer.ReconstructionAccuracy:F2}%; codes used " +
            string.Join(", ", tokenizer.Levels.Select((l, i) => $"level {i + 1} {100 * l.FractionUsed:F1}% of {l.CodebookSize}")));

        var pretrained = new List<PretrainingResult>();
        foreach (var label in tokenizers)
        {
            cancellation.ThrowIfCancellationRequested();
            Begin($"pre-training a tiny encoder on {label} tokens (masked modeling, {config.PretrainSteps} steps)");
            var directory = Path.Combine(root, "pretrain-" + label);
            var result = Reuse<PretrainingResult>(directory, "pre-training " + label, display, reused)
                ?? Pretrain(config, corpus, label == LearnedLabel ? tokenizerDirectory : config.Baseline, directory, display, cancellation, compute);
            display.Info($"held-out masked accuracy {100 * result.Evaluation.MaskedAccuracy:F1}%, {result.Evaluation.TokensPerNucleotide:F3} tokens/nt, {result.Parameters / 1e6:F2} M parameters");
            pretrained.Add(result);
        }

        var scores = new List<QuickstartScore>();
        foreach (var task in tasks)
            foreach (var label in tokenizers)
            {
                Begin($"fine-tuning on {task.Name} with {label} ({ModeName(config)}, {config.FinetuneSeeds} seed{(config.FinetuneSeeds > 1 ? "s" : "")})");
                var gue = GueTask.Load(Path.Combine(root, "tasks", task.Name));
                for (ulong seed = 0; seed < (ulong)config.FinetuneSeeds; seed++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var directory = Path.Combine(root, "finetune", $"{task.Name}-{label}-seed{seed}");
                    var score = Reuse<QuickstartScore>(directory, $"fine-tuning {task.Name}/{label}/seed {seed}", display, reused)
                        ?? Finetune(config, gue, Path.Combine(root, "pretrain-" + label), label, seed, directory, display, cancellation, compute);
                    display.Info($"seed {seed}: dev MCC {score.DevMcc:F3}, test MCC {score.TestMcc:F3}, test accuracy {100 * score.TestAccuracy:F1}%");
                    scores.Add(score);
                }
            }

        // The obvious model every score is read against: k-mer frequencies into logistic regression, same rows, same test split.
        Begin($"classical baseline on both tasks ({BaselineLabel}: k-mer frequencies + logistic regression, {config.FinetuneSeeds} seed{(config.FinetuneSeeds > 1 ? "s" : "")})");
        foreach (var task in tasks)
        {
            var gue = GueTask.Load(Path.Combine(root, "tasks", task.Name));
            for (ulong seed = 0; seed < (ulong)config.FinetuneSeeds; seed++)
            {
                cancellation.ThrowIfCancellationRequested();
                var directory = Path.Combine(root, "baselines", $"{task.Name}-{BaselineLabel}-seed{seed}");
                var score = Reuse<QuickstartScore>(directory, $"baseline {task.Name}/seed {seed}", display, reused) ?? Baseline(gue, seed, directory);
                display.Info($"{task.Name}, seed {seed}: dev MCC {score.DevMcc:F3}, test MCC {score.TestMcc:F3}, test accuracy {100 * score.TestAccuracy:F1}%");
                scores.Add(score);
            }
        }

        Begin("writing the report and its figures");
        var reportPath = QuickstartReport.Write(config, tokenizer, pretrained, scores, tasks, timings, reused, watch.Elapsed);
        End();
        return new QuickstartResult(tokenizer, pretrained, scores, tasks, timings, reportPath, reused, watch.Elapsed.TotalMinutes);
    }

    private static List<QuickstartTask> BuildTasks(QuickstartConfig config, IQuickstartDisplay display, List<string> reused)
    {
        var (train, dev, test) = config.ResolvedSpeciesPerClass;
        var speciesConfig = new SpeciesWindowConfig(config.SpeciesWindow, train, dev, test);
        var codingBuilder = new CodingTaskBuilder(window: 200, blockSize: 10_000, fractions: new SplitFractions(0.7, 0.15, 0.15));
        var tasksRoot = Path.Combine(config.OutputDirectory, "tasks");
        var result = new List<QuickstartTask>();
        foreach (var name in new[] { speciesConfig.TaskName, codingBuilder.TaskName })
        {
            var folder = Path.Combine(tasksRoot, name);
            if (Reuse<QuickstartTask>(folder, "task " + name, display, reused) is { } done)
            {
                result.Add(done);
                continue;
            }
            var built = name == speciesConfig.TaskName
                ? new SpeciesTaskBuilder([speciesConfig], blockSize: 10_000).Build(SpeciesSources(config), config.Seed)[0]
                : Merge(CodingGenBankPrefixes.Select(prefix => codingBuilder.Build(Find(config, prefix, ".gbk"), config.Seed)).ToList(), config.Seed);
            built.Save(folder, config.Seed);
            var task = new QuickstartTask(name, built.Task.Labels.Names, built.Task.Train.Count, built.Task.Dev.Count, built.Task.Test.Count, built.Description);
            JsonFiles.Write(Path.Combine(folder, StageFile), task);
            display.Info($"{name}: {task.Classes.Count} classes ({string.Join(", ", task.Classes)}); train {task.Train}, dev {task.Dev}, test {task.Test}");
            result.Add(task);
        }
        return result;
    }

    /// <summary>One task from the same task built on several genomes: splits concatenated (each genome was split by region) and reshuffled.</summary>
    private static BuiltTask Merge(IReadOnlyList<BuiltTask> parts, int seed)
    {
        var first = parts[0];
        var splits = new[] { parts.SelectMany(p => p.Task.Train).ToList(), parts.SelectMany(p => p.Task.Dev).ToList(), parts.SelectMany(p => p.Task.Test).ToList() };
        return BuiltTask.Create(first.Task.Name, first.Task.Labels, splits, TaskSeed.For(seed, first.Task.Name + "/merged"),
            first.Description + $"; from {parts.Count} annotated genomes, each split on its own", parts.SelectMany(p => p.Sources).ToList());
    }

    private static List<SpeciesSource> SpeciesSources(QuickstartConfig config) =>
        Species.Select(s => new SpeciesSource(s.Label, [Find(config, s.FilePrefix, "")])).ToList();

    private static string Find(QuickstartConfig config, string prefix, string contains) =>
        config.Genomes.FirstOrDefault(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal) && Path.GetFileName(f).Contains(contains, StringComparison.Ordinal))
        ?? throw new FileNotFoundException($"the quickstart needs an embedded genome named {prefix}*{contains}* among {string.Join(", ", config.Genomes.Select(Path.GetFileName))}");

    private static TokenizerEvaluation TrainTokenizer(QuickstartConfig config, GenomeCorpus corpus, string directory, IQuickstartDisplay display, CancellationToken cancellation,
        DeviceSettings compute)
    {
        var training = new TokenizerTrainingConfig(VqTokenizerConfig.Preset(config.TokenizerPreset, QuantizerKind.Hrq),
            TokenizerTrainingConfig.DefaultOptimization(config.TokenizerSteps, (ulong)config.Seed) with { CheckpointEvery = 100 }).Validate();
        var evaluation = display.Train(training.Optimization.Steps, progress => TokenizerTrainer.Train(corpus, training, directory, progress, cancellation, compute: compute));
        TrainingRunCharts.Tokenizer(directory, training, evaluation);
        JsonFiles.Write(Path.Combine(directory, StageFile), evaluation);
        return evaluation;
    }

    private static PretrainingResult Pretrain(QuickstartConfig config, GenomeCorpus corpus, string tokenizer, string directory, IQuickstartDisplay display, CancellationToken cancellation,
        DeviceSettings compute)
    {
        var optimization = PretrainingConfig.DefaultOptimization(config.PretrainSteps, (ulong)config.Seed) with { CheckpointEvery = 50 };
        var training = new PretrainingConfig(EncoderPreset.Tiny, tokenizer, optimization, new MaskingConfig(), config.PretrainWindow, config.PretrainBatch,
            EvalEvery: Math.Max(1, config.PretrainSteps / 4), EvalBatches: 2).Validate();
        using var inputs = TokenizerSpec.Parse(tokenizer).Build(() => corpus.Records.Select(r => r.Sequence[..r.HeldOutStart]));
        var result = display.Train(optimization.Steps, progress => Pretrainer.Train(corpus, training, inputs, directory, progress, cancellation, compute: compute));
        TrainingRunCharts.Pretraining(directory, training, result);
        JsonFiles.Write(Path.Combine(directory, StageFile), result);
        return result;
    }

    /// <summary>How the quickstart fine-tunes, as its stage titles and chart say it: "full fine-tuning", "LoRA", "linear probe".</summary>
    public static string ModeName(QuickstartConfig config) => FinetuneRecipe(config).Mode switch
    {
        FinetuneMode.Full => "full fine-tuning",
        FinetuneMode.Probe => "linear probe",
        _ => "LoRA",
    };

    /// <summary>The fine-tuning settings of every quickstart run: the default recipe for the configured epochs, no early stopping.</summary>
    public static FinetuneConfig FinetuneRecipe(QuickstartConfig config, ulong seed = 0)
    {
        var recipe = FinetuneConfig.Default(seed: seed);
        return (recipe with { Optimization = recipe.Optimization with { CheckpointEvery = 1000 }, Epochs = config.FinetuneEpochs, Patience = 0 }).Validate();
    }

    private static QuickstartScore Finetune(QuickstartConfig config, GueTask task, string pretrained, string label, ulong seed, string directory,
        IQuickstartDisplay display, CancellationToken cancellation, DeviceSettings compute)
    {
        var finetune = FinetuneRecipe(config, seed);
        // Four dev evaluations per run: enough for a curve and the model selection, few enough to stay cheap.
        finetune = finetune with { EvalEvery = Math.Max(1, (finetune.ResolveSteps(task.Train.Count) + 3) / 4) };
        var result = display.Train(finetune.ResolveSteps(task.Train.Count), progress => Finetuner.Train(task, pretrained, finetune, directory, progress: progress, cancellation: cancellation, compute: compute));
        TrainingRunCharts.Finetuning(directory, result);
        var score = new QuickstartScore(task.Name, label, seed, result.Dev.Mcc, result.Test.Mcc, result.Test.F1Macro, result.Test.Accuracy, result.Minutes);
        JsonFiles.Write(Path.Combine(directory, StageFile), score);
        return score;
    }

    private static QuickstartScore Baseline(GueTask task, ulong seed, string directory)
    {
        var result = ClassicalBaselines.Run(task, BaselineKind.KmerLr, new BaselineConfig().WithSeed(seed), directory);
        var score = new QuickstartScore(task.Name, BaselineLabel, seed, result.Dev.Mcc, result.Test.Mcc, result.Test.F1Macro, result.Test.Accuracy, result.Minutes);
        JsonFiles.Write(Path.Combine(directory, StageFile), score);
        return score;
    }

    /// <summary>The summary of a stage a previous run finished, or null when it must run.</summary>
    private static T? Reuse<T>(string directory, string what, IQuickstartDisplay display, List<string> reused) where T : class
    {
        var path = Path.Combine(directory, StageFile);
        if (!File.Exists(path)) return null;
        display.Info($"reusing {what} from {directory} (--force redoes it)");
        reused.Add(what);
        return JsonFiles.Read<T>(path);
    }

    /// <summary>--force: removes what earlier quickstart runs wrote (only the quickstart's own entries).</summary>
    private static void Clean(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var directory in Directory.GetDirectories(root))
        {
            var name = Path.GetFileName(directory);
            if (name is "tasks" or "tokenizer" or "finetune" or "baselines" or QuickstartReport.FiguresFolder || name.StartsWith("pretrain-", StringComparison.Ordinal))
                Directory.Delete(directory, recursive: true);
        }
        var report = Path.Combine(root, QuickstartReport.FileName);
        if (File.Exists(report)) File.Delete(report);
    }
}
