using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Models.Tokenizer;
using VqDna.Training;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna tokenizer train`: learn a VQ or HRQ tokenizer from genomes.</summary>
internal static class TokenizerCommand
{
    public static Command Create()
    {
        var command = new Command("tokenizer", "Learn a DNA vocabulary (VQ-VAE or HRQ)");
        command.Subcommands.Add(CreateTrain());
        return command;
    }

    private static Command CreateTrain()
    {
        var corpus = new CorpusOptions();
        var output = new Option<string>("--output", "-o") { Description = "output folder (resumes if it holds a checkpoint of the same run)", DefaultValueFactory = _ => "runs/tokenizer" };
        var preset = new Option<string>("--preset") { Description = "model size: tiny, small or paper", DefaultValueFactory = _ => "tiny" };
        var quantizer = new Option<string>("--quantizer") { Description = "vq (one level) or hrq (two levels)", DefaultValueFactory = _ => "hrq" };
        var window = new Option<int>("--window") { Description = "nucleotides per training window", DefaultValueFactory = _ => 256 };
        var batch = new Option<int>("--batch") { Description = "windows per step", DefaultValueFactory = _ => 16 };
        var steps = new Option<int>("--steps") { Description = "training steps", DefaultValueFactory = _ => 600 };
        var lr = new Option<double>("--lr") { Description = "peak learning rate", DefaultValueFactory = _ => 2e-3 };
        var seed = new Option<ulong>("--seed") { Description = "random seed (weights, batches, codebook restarts)", DefaultValueFactory = _ => 0 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => 100 };
        var command = new Command("train", "Train a learned tokenizer and write config.json, model.safetensors, tokenizer.json")
        {
            output, preset, quantizer, window, batch, steps, lr, seed, checkpointEvery,
        };
        corpus.AddTo(command);
        command.SetAction(parse =>
        {
            var files = corpus.Resolve(parse);
            var optimization = TokenizerTrainingConfig.DefaultOptimization(parse.GetValue(steps), parse.GetValue(seed))
                with { LearningRate = parse.GetValue(lr), CheckpointEvery = parse.GetValue(checkpointEvery) };
            var config = new TokenizerTrainingConfig(
                VqTokenizerConfig.Preset(parse.GetValue(preset)!, parse.GetValue(quantizer)!), optimization,
                WindowLength: parse.GetValue(window), BatchSize: parse.GetValue(batch)).Validate();
            var directory = parse.GetValue(output)!;

            var genomes = GenomeCorpus.Load(files);
            AnsiConsole.MarkupLine($"corpus: {genomes.Records.Count} records, {genomes.TotalBases / 1e6:F2} Mbp from {files.Length} file(s)");
            AnsiConsole.MarkupLine($"model: {config.Model.Kind}, width {config.Model.Width}, {config.Model.Blocks} blocks, " +
                $"codebooks {string.Join("+", Enumerable.Range(1, config.Model.Levels).Select(config.Model.LevelCodebookSize))} × {config.Model.CodeDim}; " +
                $"window {config.WindowLength}, batch {config.BatchSize}, {config.Optimization.Steps} steps, seed {config.Optimization.Seed}");

            var evaluation = TrainingDisplay.Run(config.Optimization.Steps, progress => TokenizerTrainer.Train(genomes, config, directory, progress, allowDataChange: parse.GetValue(corpus.AllowDataChange)));
            EvaluationTable.Show(evaluation, directory);
            return 0;
        });
        DistributedOptions.AddTo(command);
        return command;
    }
}
