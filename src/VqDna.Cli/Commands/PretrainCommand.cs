using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Inputs;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Pretraining;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna pretrain`: masked (code) modeling over the corpus with any tokenizer (VQDNA stage 2).</summary>
internal static class PretrainCommand
{
    public static Command Create()
    {
        var corpus = new CorpusOptions();
        var tokenizer = new Option<string>("--tokenizer", "-t") { Description = TokenizerSpec.Help, DefaultValueFactory = _ => "char" };
        var output = new Option<string>("--output", "-o") { Description = "output folder (resumes if it holds a checkpoint of the same run)", DefaultValueFactory = _ => "runs/pretrain" };
        var preset = new Option<string>("--preset") { Description = "encoder size: tiny (d 128, 4 layers), small (d 256, 6 layers) or base (BERT-base)", DefaultValueFactory = _ => "tiny" };
        var window = new Option<int>("--window") { Description = "nucleotides per training window (the same DNA for every tokenizer)", DefaultValueFactory = _ => PretrainingConfig.DefaultWindow };
        var batch = new Option<int>("--batch") { Description = "windows per micro-batch", DefaultValueFactory = _ => PretrainingConfig.DefaultBatch };
        var accumulate = new Option<int>("--accumulate") { Description = "micro-batches per optimizer step (gradient accumulation)", DefaultValueFactory = _ => 1 };
        var steps = new Option<int?>("--steps") { Description = $"budget in optimizer steps (default {OptimizationConfig.DefaultSteps})" };
        var nucleotides = new Option<long?>("--nucleotides") { Description = "budget in nucleotides trained on (instead of --steps), e.g. 5000000" };
        var minutes = new Option<double?>("--minutes") { Description = "budget in minutes (instead of --steps): the steps that fit are measured once, then fixed" };
        var lr = new Option<double>("--lr") { Description = "peak learning rate (warm-up then cosine)", DefaultValueFactory = _ => PretrainingConfig.DefaultOptimization().LearningRate };
        var maskRate = new Option<double>("--mask-rate") { Description = "fraction of tokens predicted (VQDNA: 0.25)", DefaultValueFactory = _ => new MaskingConfig().Rate };
        var maskSpan = new Option<int?>("--mask-span") { Description = "tokens masked together (default: k for overlapping k-mers, else 1)" };
        var seed = new Option<ulong>("--seed") { Description = "random seed (weights, windows, masks)", DefaultValueFactory = _ => 0 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => 100 };
        var evalEvery = new Option<int>("--eval-every") { Description = "steps between held-out evaluations", DefaultValueFactory = _ => 100 };
        var command = new Command("pretrain", "Pre-train a DNA encoder by masked (code) modeling; writes config.json, model.safetensors and the tokenizer")
        {
            tokenizer, output, preset, window, batch, accumulate, steps, nucleotides, minutes, lr, maskRate, maskSpan, seed, checkpointEvery, evalEvery,
        };
        corpus.AddTo(command);
        command.SetAction(parse =>
        {
            if (new object?[] { parse.GetValue(steps), parse.GetValue(nucleotides), parse.GetValue(minutes) }.Count(b => b is not null) > 1)
                throw new ArgumentException("give one budget: --steps, --nucleotides or --minutes");
            var spec = TokenizerSpec.Parse(parse.GetValue(tokenizer)!);
            var optimization = PretrainingConfig.DefaultOptimization(parse.GetValue(steps) ?? OptimizationConfig.DefaultSteps, parse.GetValue(seed)) with
            {
                LearningRate = parse.GetValue(lr),
                AccumulationSteps = parse.GetValue(accumulate),
                CheckpointEvery = parse.GetValue(checkpointEvery),
            };
            var config = new PretrainingConfig(parse.GetValue(preset)!, parse.GetValue(tokenizer)!, optimization,
                new MaskingConfig(Rate: parse.GetValue(maskRate), Span: parse.GetValue(maskSpan)),
                parse.GetValue(window), parse.GetValue(batch), parse.GetValue(evalEvery), Minutes: parse.GetValue(minutes));
            if (parse.GetValue(nucleotides) is { } budget)
            {
                if (budget < 1) throw new ArgumentOutOfRangeException("--nucleotides", budget, "must be positive");
                config = config with { Optimization = optimization with { Steps = config.StepsFor(budget) } };
            }
            config.Validate();
            var files = corpus.Resolve(parse);
            var genomes = GenomeCorpus.Load(files);
            AnsiConsole.MarkupLine($"corpus: {genomes.Records.Count} records, {genomes.TotalBases / 1e6:F2} Mbp from {files.Length} file(s)");
            if (spec.NeedsTraining) AnsiConsole.MarkupLine($"training a BPE tokenizer (vocabulary {spec.BpeVocab}) on the corpus…");
            using var inputs = spec.Build(() => genomes.Records.Select(r => r.Sequence[..r.HeldOutStart]));
            AnsiConsole.MarkupLine($"tokenizer {Markup.Escape(inputs.Name)}; encoder {config.Preset}; window {config.WindowLength} nt, batch {config.BatchSize}" +
                $"{(optimization.AccumulationSteps > 1 ? $" × {optimization.AccumulationSteps}" : "")}, " +
                (config.Minutes is { } budgetMinutes ? $"{budgetMinutes:G} min, " : $"{config.Optimization.Steps} steps " +
                $"({(long)config.Optimization.Steps * config.BatchSize * optimization.AccumulationSteps * config.WindowLength / 1e6:F1} Mbp), ") +
                $"mask {config.Masking.Rate:P0} (span {config.Masking.Span ?? inputs.DefaultMaskSpan}), seed {config.Optimization.Seed}");
            var directory = parse.GetValue(output)!;
            if (config.Minutes is { } m) AnsiConsole.MarkupLine($"time budget {m:G} min: measuring the step time…");
            var result = TrainingDisplay.Run(config.Optimization.Steps,
                progress => Pretrainer.Train(genomes, config, inputs, directory, progress, allowDataChange: parse.GetValue(corpus.AllowDataChange)));
            AnsiConsole.MarkupLine($"held-out masked accuracy [bold]{100 * result.Evaluation.MaskedAccuracy:F2}%[/], loss {result.Evaluation.Loss:F4}, " +
                $"{result.Evaluation.TokensPerNucleotide:F3} tokens/nt; {result.Parameters / 1e6:F2} M parameters, {result.Minutes:F1} min");
            AnsiConsole.MarkupLine($"model written to [bold]{Markup.Escape(directory)}[/]; next: vqdna finetune TASK_DIR --model {Markup.Escape(directory)} -o OUT");
            return 0;
        });
        DistributedOptions.AddTo(command);
        return command;
    }
}
