using System.CommandLine;
using Spectre.Console;
using VqDna.Analysis;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Training;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna analyze efficiency`: the paper's codebook-size and code-dimension table at our scale.</summary>
internal sealed class AnalyzeEfficiencyCommand : VerbCommand<AnalyzeEfficiencySettings>
{
    private static readonly EfficiencySettings Defaults = new();

    private readonly Argument<string[]> corpus = new("corpus") { Description = "genome files to train on; default: the embedded genomes", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> output = new("--output", "-o") { Description = "output folder (efficiency.md, efficiency.json, one tokenizer per variant; resumable)", DefaultValueFactory = _ => "runs/efficiency" };
    private readonly Option<string?> task = new("--task") { Description = "GUE task folder for the linear probe; default: genome classification cut from the corpus files" };
    private readonly Choice<TokenizerPreset> preset = new("--preset", "width and depth shared by every variant", Defaults.BasePreset);
    private readonly Option<int> steps = new("--steps") { Description = "training steps per variant", DefaultValueFactory = _ => Defaults.Steps };
    private readonly Option<int[]> sizes = new("--codebook-sizes") { Description = "K values for VQ and HRQ", DefaultValueFactory = _ => Defaults.Sizes, AllowMultipleArgumentsPerToken = true };
    private readonly Option<int[]> dims = new("--code-dims") { Description = $"code dimensions at K = {Defaults.DimStudyCodebookSize}", DefaultValueFactory = _ => Defaults.Dims, AllowMultipleArgumentsPerToken = true };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("the trained encoders for the probe's embeddings");
    private readonly Option<ulong> seed = new("--seed") { Description = "seed of every run", DefaultValueFactory = _ => Defaults.Seed };

    /// <summary>The `analyze` group and its verbs.</summary>
    public static Command Group() => new("analyze", "Analyses of learned tokenizers") { new AnalyzeEfficiencyCommand().Create(), new VariantsAnalyzeCommand().Create() };

    protected override Command Declare() => new("efficiency", "Reconstruction, code usage and linear-probe score across codebook sizes and code dimensions")
    {
        corpus, output, task, preset.Option, steps, sizes, dims, seed, engine.Option,
    };

    protected override AnalyzeEfficiencySettings Bind(ParseResult parse) => new(
        parse.GetValue(corpus) ?? [], parse.GetValue(output)!, parse.GetValue(task), preset.Get(parse), parse.GetValue(steps),
        parse.GetValue(sizes) ?? [], parse.GetValue(dims) ?? [], parse.GetValue(seed), engine.Get(parse));

    protected override int Run(AnalyzeEfficiencySettings settings)
    {
        var console = Terminal.Out;
        var files = settings.Corpus.Count > 0 ? settings.Corpus.ToArray() : Paths.DefaultCorpus();
        var study = settings.ToLibrary();
        var genomes = GenomeCorpus.Load(files);
        var probeTask = settings.Task is { } folder ? GueTask.Load(folder) : GenomeProbeTask.Build(files, seed: (int)study.Seed);
        console.MarkupLine($"probe task '{Markup.Escape(probeTask.Name)}': {probeTask.Labels.Count} classes, {probeTask.Train.Count}/{probeTask.Dev.Count}/{probeTask.Test.Count} train/dev/test");
        var rows = EfficiencyAnalysis.Run(genomes, probeTask, study, settings.Output, new SyncProgress<string>(line => console.MarkupLine($"[blue]{Markup.Escape(line)}[/]")), new StepLog(console));
        var table = new Table().Border(TableBorder.Rounded).Title("tokenization efficiency");
        foreach (var column in new[] { "study", "quantizer", "K", "dim", "reconstruction", "codes used", "perplexity", "I(code;base)", "context r=1", "probe MCC", "probe F1" })
            table.AddColumn(column);
        foreach (var r in rows)
            table.AddRow(r.Study, r.Quantizer, $"{r.CodebookSize}", $"{r.CodeDim}", $"{100 * r.ReconstructionAccuracy:F2}%", $"{100 * r.CodesUsed:F1}%",
                $"{r.Perplexity:F1}", r.PerLevel(l => l.BaseBits), r.PerLevel(l => l.ContextBits[0], "F3"), $"{r.ProbeMcc:F3}", $"{r.ProbeMacroF1:F3}");
        console.Write(table);
        console.MarkupLine($"written: [bold]{Markup.Escape(Path.Combine(settings.Output, "efficiency.md"))}[/] and efficiency.json");
        return 0;
    }

    /// <summary>A line per 100 steps: many short trainings in a row read better as a log than as bars.</summary>
    private sealed class StepLog(IAnsiConsole console) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p)
        {
            if (p.Step % 100 == 0 || p.Step == p.TotalSteps)
                console.WriteLine("  " + p.Describe());
        }
    }
}
