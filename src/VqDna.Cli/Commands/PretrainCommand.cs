using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Inputs;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Pretraining;
using VqDna.Reports.Charts;
using VqDna.Torch.Distributed;
using VqDna.Models.Encoder;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna pretrain`: masked (code) modeling over the corpus with any tokenizer (VQDNA stage 2).</summary>
internal sealed class PretrainCommand : VerbCommand<PretrainSettings>
{
    private static readonly OptimizationConfig Defaults = PretrainingConfig.DefaultOptimization();

    private readonly CorpusOptions corpus = new();
    private readonly DeviceOptions device = new(precision: true);
    private readonly Option<bool> overwrite = OverwriteOption.Create();
    private readonly Option<string> tokenizer = new("--tokenizer", "-t") { Description = TokenizerSpec.Help, DefaultValueFactory = _ => "char" };
    private readonly Option<string> output = new("--output", "-o") { Description = "output folder (resumes if it holds a checkpoint of the same run)", DefaultValueFactory = _ => "runs/pretrain" };
    private readonly Choice<EncoderPreset> preset = new("--preset", "encoder size: tiny (d 128, 4 layers), small (d 256, 6 layers) or base (BERT-base)", EncoderPreset.Tiny);
    private readonly Option<int> window = new("--window") { Description = "nucleotides per training window (the same DNA for every tokenizer)", DefaultValueFactory = _ => PretrainingConfig.DefaultWindow };
    private readonly Option<int> batch = new("--batch") { Description = "windows per micro-batch", DefaultValueFactory = _ => PretrainingConfig.DefaultBatch };
    private readonly Option<int> accumulate = new("--accumulate") { Description = "micro-batches per optimizer step (gradient accumulation)", DefaultValueFactory = _ => Defaults.AccumulationSteps };
    private readonly Option<int?> steps = new("--steps") { Description = $"budget in optimizer steps (default {PretrainingConfig.DefaultSteps})" };
    private readonly Option<long?> nucleotides = new("--nucleotides") { Description = "budget in nucleotides trained on (instead of --steps), e.g. 5000000" };
    private readonly Option<double?> minutes = new("--minutes") { Description = "budget in minutes (instead of --steps): the steps that fit are measured once, then fixed" };
    private readonly Option<double> lr = new("--lr") { Description = "peak learning rate (warm-up then cosine)", DefaultValueFactory = _ => Defaults.LearningRate };
    private readonly Option<double> maskRate = new("--mask-rate") { Description = "fraction of tokens predicted (VQDNA: 0.25)", DefaultValueFactory = _ => new MaskingConfig().Rate };
    private readonly Option<int?> maskSpan = new("--mask-span") { Description = "tokens masked together (default: k for overlapping k-mers, else 1)" };
    private readonly Option<ulong> seed = new("--seed") { Description = "random seed (weights, windows, masks)", DefaultValueFactory = _ => Defaults.Seed };
    private readonly Option<int> checkpointEvery = new("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => Defaults.CheckpointEvery };
    private readonly Option<int> evalEvery = new("--eval-every") { Description = "steps between held-out evaluations", DefaultValueFactory = _ => PretrainingConfig.DefaultEvalEvery };

    protected override bool DataParallel => true;

    protected override Command Declare()
    {
        var command = new Command("pretrain", "Pre-train a DNA encoder by masked (code) modeling; writes config.json, model.safetensors and the tokenizer")
        {
            tokenizer, output, preset.Option, window, batch, accumulate, steps, nucleotides, minutes, lr, maskRate, maskSpan, seed, checkpointEvery, evalEvery, overwrite, keepCheckpoints,
        };
        corpus.AddTo(command);
        device.AddTo(command);
        return command;
    }

    protected override PretrainSettings Bind(ParseResult parse) => new(
        parse.GetValue(corpus.Files) ?? [], parse.GetValue(corpus.Manifest), parse.GetValue(corpus.AllowDataChange), parse.GetValue(tokenizer)!,
        parse.GetValue(output)!, preset.Get(parse), parse.GetValue(window), parse.GetValue(batch), parse.GetValue(accumulate),
        parse.GetValue(steps), parse.GetValue(nucleotides), parse.GetValue(minutes), parse.GetValue(lr), parse.GetValue(maskRate),
        parse.GetValue(maskSpan), parse.GetValue(seed), parse.GetValue(checkpointEvery), parse.GetValue(evalEvery), parse.GetValue(overwrite)) { KeepCheckpoints = parse.GetValue(keepCheckpoints), Compute = device.Read(parse) };

    private readonly Option<bool> keepCheckpoints = KeepCheckpointsOption.Create();

    protected override int Run(PretrainSettings settings)
    {
        var console = Terminal.Out;
        var config = settings.ToConfig();
        var compute = settings.Compute.Resolve();
        var spec = TokenizerSpec.Parse(config.Tokenizer);
        var files = CorpusOptions.Resolve(settings.Corpus, settings.Manifest);
        var genomes = GenomeCorpus.Load(files);
        console.MarkupLine($"corpus: {genomes.Records.Count} records, {genomes.TotalBases / 1e6:F2} Mbp from {files.Length} file(s)");
        if (spec.NeedsTraining) console.MarkupLine($"training a BPE tokenizer (vocabulary {spec.BpeVocab}) on the corpus…");
        using var inputs = spec.Build(() => genomes.Records.Select(r => r.Sequence[..r.HeldOutStart]));
        var o = config.Optimization;
        var budget = config.Minutes is { } m ? $"{m:G} min"
            : $"{o.Steps} steps ({(long)o.Steps * config.BatchSize * o.AccumulationSteps * config.WindowLength / 1e6:F1} Mbp)";
        console.MarkupLine(Markup.Escape($"tokenizer {inputs.Name}; encoder {config.Preset.Name()}; window {config.WindowLength} nt, batch {config.BatchSize}" +
            $"{(o.AccumulationSteps > 1 ? $" × {o.AccumulationSteps}" : "")}, {budget}, mask {config.Masking.Rate:P0} " +
            $"(span {config.Masking.Span ?? inputs.DefaultMaskSpan}), seed {o.Seed}; {compute}"));
        if (config.Minutes is not null) console.MarkupLine("measuring the step time for the time budget…");
        var group = ProcessGroup.Default;                                  // set by DistributedOptions under torchrun or --nproc
        var result = TrainingDisplay.Run(o.Steps,
            progress => Pretrainer.Train(genomes, config, inputs, settings.Output, progress, allowDataChange: settings.AllowDataChange, group: group, compute: compute));
        TrainingRunCharts.Pretraining(settings.Output, config, result, group);
        if (!settings.KeepCheckpoints) RunFolder.RemoveTrainingState(settings.Output, group);
        console.MarkupLine($"held-out masked accuracy [bold]{100 * result.Evaluation.MaskedAccuracy:F2}%[/], loss {result.Evaluation.Loss:F4}, " +
            $"{result.Evaluation.TokensPerNucleotide:F3} tokens/nt; {result.Parameters / 1e6:F2} M parameters, {result.Steps} steps, {result.Minutes:F1} min");
        console.MarkupLine($"model written to [bold]{Markup.Escape(settings.Output)}[/]; next: vqdna finetune TASK_DIR --model {Markup.Escape(settings.Output)} -o OUT");
        return 0;
    }
}
