using Spectre.Console;
using VqDna.Training;

namespace VqDna.Cli.Display;

/// <summary>Held-out reconstruction accuracy and codebook usage, as a table.</summary>
internal static class EvaluationTable
{
    public static void Show(TokenizerEvaluation evaluation, string directory)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"held-out evaluation ({evaluation.Bases:N0} nt)");
        table.AddColumn("level").AddColumn("codes").AddColumn("codes used").AddColumn("perplexity");
        for (int level = 0; level < evaluation.Levels.Count; level++)
        {
            var u = evaluation.Levels[level];
            table.AddRow($"{level + 1}", $"{u.CodebookSize}", $"{100 * u.FractionUsed:F1}%", $"{u.Perplexity:F1}");
        }
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine($"reconstruction accuracy: [bold]{100 * evaluation.ReconstructionAccuracy:F2}%[/]");
        Terminal.Out.MarkupLine($"tokenizer written to [bold]{Markup.Escape(directory)}[/] (config.json, model.safetensors, tokenizer.json)");
    }
}
