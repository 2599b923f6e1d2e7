using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Data;
using VqDna.Models.Tokenizer;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Reports.Charts;
using VqDna.Torch.Distributed;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna tokenizer train`: learn a VQ or HRQ tokenizer from genomes.</summary>
internal sealed class TokenizerTrainCommand : VerbCommand<TokenizerTrainSettings>
{
    // Every default is the training config's own.
    private static readonly TokenizerTrainingConfig Defaults = new(VqTokenizerConfig.Preset(VqTokenizerConfig.DefaultPreset, QuantizerKind.Hrq), TokenizerTrainingConfig.DefaultOptimization());

    private readonly CorpusOptions corpus = new();
    private readonly DeviceOptions device = new(precision: true);
    private readonly Option<bool> overwrite = OverwriteOption.Create();
    private readonly Option<string> output = new("--output", "-o") { Description = "output folder (resumes if it holds a checkpoint of the same run)", DefaultValueFactory = _ => "runs/tokenizer" };
    private readonly Choice<TokenizerPreset> preset = new("--preset", "model size (tiny: tests and quick runs)", VqTokenizerConfig.DefaultPreset);
    private readonly Choice<QuantizerKind> quantizer = new("--quantizer", "vq (one level) or hrq (two levels)", QuantizerKind.Hrq);
    private readonly Option<int?> levels = new("--levels")
    {
        Description = "HRQ's quantization levels, each codebook twice the one above (default 2, the paper's); at most the preset's encoder " +
            "blocks (tiny 2, small 4, paper 6), level n quantizing after block n·blocks/levels",
    };
    private readonly Option<int> window = new("--window") { Description = "nucleotides per training window", DefaultValueFactory = _ => Defaults.WindowLength };
    private readonly Option<int> batch = new("--batch") { Description = "windows per step", DefaultValueFactory = _ => Defaults.BatchSize };
    private readonly Option<int> steps = new("--steps") { Description = "training steps", DefaultValueFactory = _ => Defaults.Optimization.Steps };
    private readonly Option<double> lr = new("--lr") { Description = "peak learning rate", DefaultValueFactory = _ => Defaults.Optimization.LearningRate };
    private readonly Option<ulong> seed = new("--seed") { Description = "random seed (weights, batches, codebook restarts)", DefaultValueFactory = _ => Defaults.Optimization.Seed };
    private readonly Option<double> codeMask = new("--code-mask-rate")
    {
        Description = "fraction of codes hidden from the decoder in training, so a hidden base is rebuilt from its neighbours' codes (0: the paper's objective)",
        DefaultValueFactory = _ => Defaults.CodeMaskRate,
    };
    private readonly Option<int> checkpointEvery = new("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => Defaults.Optimization.CheckpointEvery };

    /// <summary>The `tokenizer` group and its verbs.</summary>
    public static Command Group() => new("tokenizer", "Learn a DNA vocabulary (VQ-VAE or HRQ)") { new TokenizerTrainCommand().Create() };

    protected override bool DataParallel => true;

    protected override Command Declare()
    {
        var command = new Command("train", "Train a learned tokenizer and write config.json, model.safetensors, tokenizer.json")
        {
            output, preset.Option, quantizer.Option, levels, window, batch, steps, lr, seed, codeMask, checkpointEvery, overwrite, keepCheckpoints,
        };
        corpus.AddTo(command);
        device.AddTo(command);
        return command;
    }

    protected override TokenizerTrainSettings Bind(ParseResult parse) => new(
        parse.GetValue(corpus.Files) ?? [], parse.GetValue(corpus.Manifest), parse.GetValue(output)!, preset.Get(parse), quantizer.Get(parse),
        parse.GetValue(window), parse.GetValue(batch), parse.GetValue(steps), parse.GetValue(lr), parse.GetValue(seed), parse.GetValue(checkpointEvery),
        parse.GetValue(corpus.AllowDataChange), parse.GetValue(overwrite))
        { KeepCheckpoints = parse.GetValue(keepCheckpoints), Compute = device.Read(parse), CodeMaskRate = parse.GetValue(codeMask),
          Levels = parse.GetValue(levels) };

    private readonly Option<bool> keepCheckpoints = KeepCheckpointsOption.Create();

    protected override int Run(TokenizerTrainSettings settings)
    {
        var config = settings.ToConfig();
        var compute = settings.Compute.Resolve();
        var files = CorpusOptions.Resolve(settings.Corpus, settings.Manifest);
        var console = Terminal.Out;
        var genomes = GenomeCorpus.Load(files);
        console.MarkupLine($"corpus: {genomes.Records.Count} records, {genomes.TotalBases / 1e6:F2} Mbp from {files.Length} file(s)");
        console.MarkupLine($"model: {config.Model.Kind}, width {config.Model.Width}, {config.Model.Blocks} blocks, " +
            $"codebooks {string.Join("+", Enumerable.Range(1, config.Model.Levels).Select(config.Model.LevelCodebookSize))} × {config.Model.CodeDim}; " +
            $"window {config.WindowLength}, batch {config.BatchSize}, {config.Optimization.Steps} steps, seed {config.Optimization.Seed}; {compute}");

        var group = ProcessGroup.Default;                                  // set by DistributedOptions under torchrun or --nproc
        var evaluation = TrainingDisplay.Run(config.Optimization.Steps,
            progress => TokenizerTrainer.Train(genomes, config, settings.Output, progress, allowDataChange: settings.AllowDataChange, group: group, compute: compute));
        TrainingRunCharts.Tokenizer(settings.Output, config, evaluation, group);
        if (!settings.KeepCheckpoints) RunFolder.RemoveTrainingState(settings.Output, group);
        EvaluationTable.Show(evaluation, settings.Output);
        return 0;
    }
}
