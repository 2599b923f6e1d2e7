using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Datasets;
using VqDna.Torch.NN;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna finetune`: fine-tune a pre-trained encoder on a GUE-layout task (VQDNA stage 3).</summary>
internal static class FinetuneCommand
{
    public static Command Create()
    {
        var task = new Argument<string>("task") { Description = "task folder in the GUE layout: train.csv, dev.csv, test.csv (header sequence,label)" };
        var model = new Option<string>("--model", "-m") { Description = "pre-trained model folder (from `vqdna pretrain`)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "output folder: metrics.json, labels.json, the adapter or model", Required = true };
        var mode = new Option<FinetuneMode>("--mode") { Description = "lora (adapters + head, encoder frozen), full, or probe (linear head on the frozen encoder)", DefaultValueFactory = _ => FinetuneMode.Lora };
        var defaults = new LoRAConfig();
        var rank = new Option<int>("--lora-r") { Description = "LoRA rank", DefaultValueFactory = _ => defaults.R };
        var alpha = new Option<double>("--lora-alpha") { Description = "LoRA alpha (scaling alpha / r)", DefaultValueFactory = _ => defaults.Alpha };
        var dropout = new Option<double>("--lora-dropout") { Description = "dropout on the LoRA input", DefaultValueFactory = _ => defaults.Dropout };
        var targets = new Option<string>("--lora-targets") { Description = "comma-separated module names to adapt", DefaultValueFactory = _ => string.Join(",", defaults.Targets) };
        var epochs = new Option<double>("--epochs") { Description = "passes over the training split", DefaultValueFactory = _ => 3 };
        var steps = new Option<int>("--steps") { Description = "optimizer steps (overrides --epochs)", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "sequences per step", DefaultValueFactory = _ => 32 };
        var lr = new Option<double?>("--lr") { Description = "peak learning rate (default 1e-3 for lora and probe, 1e-4 for full)" };
        var patience = new Option<int>("--patience") { Description = "dev evaluations without a better MCC before stopping (0: never)", DefaultValueFactory = _ => 5 };
        var evalEvery = new Option<int>("--eval-every") { Description = "steps between dev evaluations (0: four per epoch)", DefaultValueFactory = _ => 0 };
        var maxTrain = new Option<int>("--max-train") { Description = "use at most this many training examples (0: all)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "random seed (head, adapters, batch order, dropout)", DefaultValueFactory = _ => 0 };
        var merge = new Option<bool>("--merge") { Description = "also write a plain model folder with the LoRA adapter folded into the weights" };
        var command = new Command("finetune", "Fine-tune a pre-trained encoder on a labelled task and score it on dev and test")
        {
            task, model, output, mode, rank, alpha, dropout, targets, epochs, steps, batch, lr, patience, evalEvery, maxTrain, seed, merge,
        };
        command.SetAction(parse =>
        {
            var chosen = parse.GetValue(mode);
            var lora = new LoRAConfig(parse.GetValue(rank), parse.GetValue(alpha), parse.GetValue(dropout),
                parse.GetValue(targets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var optimization = new OptimizationConfig(Steps: parse.GetValue(steps), LearningRate: parse.GetValue(lr) ?? FinetuneConfig.DefaultLearningRate(chosen),
                Seed: parse.GetValue(seed));
            var config = new FinetuneConfig(chosen, lora, optimization, parse.GetValue(epochs), parse.GetValue(batch), parse.GetValue(evalEvery),
                parse.GetValue(patience), parse.GetValue(maxTrain)).Validate();
            var taskDirectory = parse.GetValue(task)!;
            if (!Directory.Exists(taskDirectory)) throw new DirectoryNotFoundException($"task folder '{taskDirectory}' does not exist");
            var gue = GueTask.Load(taskDirectory);
            ShowClassCounts(gue);
            var directory = parse.GetValue(output)!;
            int examples = config.MaxTrainExamples > 0 ? Math.Min(config.MaxTrainExamples, gue.Train.Count) : gue.Train.Count;
            var result = TrainingDisplay.Run(config.ResolveSteps(examples),
                progress => Finetuner.Train(gue, parse.GetValue(model)!, config, directory, parse.GetValue(merge), progress));
            var table = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(result.Task)} · {Markup.Escape(result.Tokenizer)} · {result.Mode}");
            table.AddColumn("split").AddColumn("MCC").AddColumn("macro F1").AddColumn("accuracy").AddColumn("n");
            foreach (var (name, m) in new[] { ("dev", result.Dev), ("test", result.Test) })
                table.AddRow(name, $"{m.Mcc:F3}", $"{m.F1Macro:F3}", $"{m.Accuracy:F3}", $"{m.Count}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"best dev MCC at step {result.BestStep} of {result.Steps}{(result.StoppedEarly ? " (stopped early)" : "")}, {result.Minutes:F1} min; " +
                $"written to [bold]{Markup.Escape(directory)}[/]; next: vqdna predict INPUT --model {Markup.Escape(directory)} -o predictions.csv");
            return 0;
        });
        DistributedOptions.AddTo(command);
        return command;
    }

    private static void ShowClassCounts(GueTask task)
    {
        string Counts(IReadOnlyList<LabelledSequence> split) =>
            string.Join(", ", Enumerable.Range(0, task.Labels.Count).Select(c => $"{task.Labels.Names[c]} {split.Count(s => s.Label == c)}"));
        AnsiConsole.MarkupLine(Markup.Escape($"task {task.Name}: {task.Labels.Count} classes; train {Counts(task.Train)}; dev {Counts(task.Dev)}; test {Counts(task.Test)}"));
    }
}
