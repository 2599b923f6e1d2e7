using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Data;
using VqDna.Models.Tokenizer;
using VqDna.Training;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna tokenizer train`: learn a VQ or HRQ tokenizer from genomes.</summary>
internal sealed class TokenizerTrainCommand : VerbCommand<TokenizerTrainSettings>
{
    /// <summary>Steps of a quick first run (~30 s at the tiny preset); the library's own default is a longer run.</summary>
    public const int QuickRunSteps = 600;

    // Every other default is the training config's own.
    private static readonly TokenizerTrainingConfig Defaults = new(VqTokenizerConfig.Tiny());

    private readonly Argument<string[]> corpus = new("corpus") { Description = "FASTA/GenBank/FASTQ files (plain or compressed); default: the embedded genomes", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> manifest = new("--manifest") { Description = "train on every file of a `vqdna data fetch` manifest (e.g. data/cache/manifest.tsv)" };
    private readonly Option<string> output = new("--output", "-o") { Description = "output folder (resumes if it holds a checkpoint of the same run)", DefaultValueFactory = _ => "runs/tokenizer" };
    private readonly Choice<TokenizerPreset> preset = new("--preset", "model size", TokenizerPreset.Tiny);
    private readonly Choice<QuantizerKind> quantizer = new("--quantizer", "vq (one level) or hrq (two levels)", QuantizerKind.Hrq);
    private readonly Option<int> window = new("--window") { Description = "nucleotides per training window", DefaultValueFactory = _ => Defaults.WindowLength };
    private readonly Option<int> batch = new("--batch") { Description = "windows per step", DefaultValueFactory = _ => Defaults.BatchSize };
    private readonly Option<int> steps = new("--steps") { Description = "training steps", DefaultValueFactory = _ => QuickRunSteps };
    private readonly Option<double> lr = new("--lr") { Description = "peak learning rate", DefaultValueFactory = _ => Defaults.LearningRate };
    private readonly Option<ulong> seed = new("--seed") { Description = "random seed (weights, batches, codebook restarts)", DefaultValueFactory = _ => Defaults.Seed };
    private readonly Option<int> checkpointEvery = new("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => Defaults.CheckpointEvery };

    /// <summary>The `tokenizer` group and its verbs.</summary>
    public static Command Group() => new("tokenizer", "Learn a DNA vocabulary (VQ-VAE or HRQ)") { new TokenizerTrainCommand().Create() };

    protected override Command Declare() => new("train", "Train a learned tokenizer and write config.json, model.safetensors, tokenizer.json")
    {
        corpus, manifest, output, preset.Option, quantizer.Option, window, batch, steps, lr, seed, checkpointEvery,
    };

    protected override TokenizerTrainSettings Bind(ParseResult parse) => new(
        parse.GetValue(corpus) ?? [], parse.GetValue(manifest), parse.GetValue(output)!, preset.Get(parse), quantizer.Get(parse),
        parse.GetValue(window), parse.GetValue(batch), parse.GetValue(steps), parse.GetValue(lr), parse.GetValue(seed), parse.GetValue(checkpointEvery));

    protected override int Run(TokenizerTrainSettings settings)
    {
        var config = settings.ToConfig();
        var files = settings.Corpus.Count > 0 ? settings.Corpus.ToArray()
            : settings.Manifest is { } manifestPath ? CorpusFetcher.ReadManifest(manifestPath).Select(e => e.File).ToArray()
            : Paths.DefaultCorpus();
        var console = Terminal.Out;
        var genomes = GenomeCorpus.Load(files);
        console.MarkupLine($"corpus: {genomes.Records.Count} records, {genomes.TotalBases / 1e6:F2} Mbp from {files.Length} file(s)");
        console.MarkupLine($"model: {config.Model.Kind}, width {config.Model.Width}, {config.Model.Blocks} blocks, " +
            $"codebooks {string.Join("+", Enumerable.Range(1, config.Model.Levels).Select(config.Model.LevelCodebookSize))} × {config.Model.CodeDim}; " +
            $"window {config.WindowLength}, batch {config.BatchSize}, {config.Steps} steps, seed {config.Seed}");

        var evaluation = TrainingDisplay.Run(config.Steps, progress => TokenizerTrainer.Train(genomes, config, settings.Output, progress));
        EvaluationTable.Show(evaluation, settings.Output);
        return 0;
    }
}
