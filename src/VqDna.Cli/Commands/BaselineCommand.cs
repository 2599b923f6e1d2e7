using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Datasets;
using VqDna.Models.Baselines;
using VqDna.Training.Baselines;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna baseline`: the classical baselines (k-mer logistic regression, one-hot CNN) on a GUE-layout task.</summary>
internal sealed class BaselineCommand : VerbCommand<BaselineSettings>
{
    private readonly Argument<string> task = new("task") { Description = "task folder in the GUE layout: train.csv, dev.csv, test.csv (header sequence,label)" };
    private readonly Option<string> output = new("--output", "-o") { Description = "output folder; each baseline writes metrics.json, labels.json and its model into OUTPUT/<kind>", Required = true };
    private readonly Option<string> kinds = new("--kind") { Description = "comma-separated: kmer-lr (k-mer frequencies + logistic regression), cnn (one-hot convolutional network)", DefaultValueFactory = _ => BaselineKinds.BothNames };
    private readonly Option<int> maxTrain = new("--max-train") { Description = "use at most this many training examples, the same subset `vqdna finetune --max-train` of the same seed uses (0: all)", DefaultValueFactory = _ => 0 };
    private readonly Option<int> maxDev = MaxDevOption.Create();
    private readonly Option<ulong> seed = new("--seed") { Description = "random seed (initial weights, batch order, dropout)", DefaultValueFactory = _ => OptimizationConfig.DefaultSeed };
    private readonly Option<bool> keepCheckpoints = KeepCheckpointsOption.Create();
    private readonly Option<bool> reverseComplement = ReverseComplementOption.Create("the CNN (k-mer counts are read as they are) ");
    private readonly Option<double> cnnEpochs = new("--cnn-epochs") { Description = "the CNN's passes over the training split at most, as many as `finetune`'s by default (it stops earlier after 2 epochs without a better dev MCC, once past a quarter of the run and above chance)", DefaultValueFactory = _ => CnnTrainingConfig.DefaultEpochs };

    protected override Command Declare() => new("baseline", "Fit the classical baselines on a labelled task and score them on dev and test")
    {
        task, output, kinds, maxTrain, maxDev, seed, cnnEpochs, reverseComplement, keepCheckpoints,
    };

    protected override BaselineSettings Bind(ParseResult parse) =>
        new(parse.GetValue(task)!, parse.GetValue(output)!, parse.GetValue(kinds)!, parse.GetValue(seed), parse.GetValue(maxTrain), parse.GetValue(keepCheckpoints), parse.GetValue(maxDev),
            parse.GetValue(cnnEpochs), parse.GetValue(reverseComplement));

    protected override int Run(BaselineSettings settings)
    {
        var console = Terminal.Out;
        var gue = GueTask.Load(settings.Task);
        var config = settings.ToConfig();
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{gue.Name} · classical baselines · seed {settings.Seed}"));
        table.AddColumn("baseline").AddColumn("chosen on dev").AddColumn("dev MCC").AddColumn("test MCC").AddColumn("test macro F1")
            .AddColumn("test accuracy").AddColumn("min");
        foreach (var kind in settings.KindList)
        {
            var directory = Path.Combine(settings.Output, kind.Name());
            console.MarkupLine($"[blue]{Markup.Escape($"{kind.Name()} → {directory}")}[/]");
            var result = BaselineRun.Fit(console, gue, kind, config, directory, settings.KeepCheckpoints);
            table.AddRow(Markup.Escape(result.Baseline), Markup.Escape(result.Chosen), $"{result.Dev.Mcc:F3}", $"{result.Test.Mcc:F3}",
                $"{result.Test.F1Macro:F3}", $"{result.Test.Accuracy:F3}", $"{result.Minutes:F1}");
        }
        console.Write(table);
        var first = Path.Combine(settings.Output, settings.KindList[0].Name());
        console.MarkupLine($"written to [bold]{Markup.Escape(settings.Output)}[/]; next: vqdna predict INPUT --model {Markup.Escape(first)} -o predictions.csv");
        return 0;
    }
}
