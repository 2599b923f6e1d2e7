using Spectre.Console;
using VqDna.Training;

namespace VqDna.Cli.Display;

/// <summary>Held-out reconstruction accuracy, codebook usage and code context, as a table.</summary>
internal static class EvaluationTable
{
    public static void Show(TokenizerEvaluation evaluation, string directory)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"held-out evaluation ({evaluation.Bases:N0} nt)");
        table.AddColumn("level").AddColumn("codes").AddColumn("codes used").AddColumn("perplexity");
        var context = evaluation.Context;
        if (context is not null)
            table.AddColumn("H(code) bits").AddColumn("I(code;base) bits").AddColumn($"context | base, r=1..{context.ContextCeilingBits.Length} (bits)");
        for (int level = 0; level < evaluation.Levels.Count; level++)
        {
            var u = evaluation.Levels[level];
            var row = new List<string> { $"{level + 1}", $"{u.CodebookSize}", $"{100 * u.FractionUsed:F1}%", $"{u.Perplexity:F1}" };
            if (context is not null)
            {
                var c = context.Levels[level];
                row.AddRange([$"{c.EntropyBits:F2}", $"{c.BaseBits:F2}", string.Join(" / ", c.ContextBits.Select(b => b.ToString("F3")))]);
            }
            table.AddRow([.. row]);
        }
        Terminal.Out.Write(table);
        if (context is not null) ShowOffsets(context);
        Terminal.Out.MarkupLine($"reconstruction accuracy: [bold]{100 * evaluation.ReconstructionAccuracy:F2}%[/]");
        Terminal.Out.MarkupLine($"tokenizer written to [bold]{Markup.Escape(directory)}[/] (config.json, model.safetensors, tokenizer.json)");
    }

    /// <summary>I(code_i; base_i+d | base_i) per offset, in millibits: a base relabelling is all zeros.</summary>
    private static void ShowOffsets(VqDna.Evaluation.CodeContext context)
    {
        var console = Terminal.Out;
        console.MarkupLine($"code context over {context.Samples:N0} positions (Miller–Madow plug-in; ceiling r=1..{context.ContextCeilingBits.Length}: " +
            $"{string.Join(" / ", context.ContextCeilingBits.Select(b => b.ToString("F2")))} bits; (code, k-mer) cells per sample at r=1..: " +
            $"{string.Join(" / ", context.Levels.Select(l => string.Join(" ", l.CellsPerSample.Select(c => c.ToString("F2")))))})");
        int d = context.MaxOffset;
        console.MarkupLine($"  I(code_i; base_i+d | base_i), millibits, d = {-d}..{d}:");
        for (int level = 0; level < context.Levels.Count; level++)
            console.MarkupLine($"  level {level + 1}: " + string.Join(" ", context.Levels[level].ConditionalOffsetBits.Select(b => (1000 * b).ToString("F0").PadLeft(4))));
    }
}
