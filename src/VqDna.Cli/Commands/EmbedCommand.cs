using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Inference;
using VqDna.IO;
using VqDna.ModelFolders;
using VqDna.Models.Engines;
using VqDna.Torch;
using VqDna.Torch.Serialization;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna embed`: the encoder's contextual embeddings per sequence (pooled) or per token.</summary>
internal sealed class EmbedCommand : VerbCommand<EmbedSettings>
{
    private readonly Argument<string> input = new("input") { Description = "a CSV with a 'sequence' column ('id' names the rows), or FASTA/GenBank/FASTQ (plain or compressed)" };
    private readonly Option<string> model = new("--model", "-m") { Description = "a `vqdna pretrain` or `vqdna finetune` output folder", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = ".npy or .safetensors; the ids go to OUTPUT.ids.tsv beside it", Required = true };
    private readonly Choice<EmbeddingPooling> pooling = new("--pooling", "how a sequence's token states become one vector (mean-max: the mean and the max side by side, 2·width values, what a default fine-tuned head reads)", EmbeddingPooling.Mean);
    private readonly Option<int?> layer = new("--layer") { Description = "hidden states after this many layers: 0 = the embedded input; default the last (after the final LayerNorm)" };
    private readonly Option<bool> perToken = new("--per-token") { Description = "one vector per token (per nucleotide for a learned tokenizer) instead of per sequence" };
    private readonly Option<int> batch = new("--batch") { Description = "sequences (or windows) per forward pass", DefaultValueFactory = _ => SequenceClassifier.DefaultBatchSize };
    private readonly Option<int?> window = new("--window") { Description = "embed windows of this many nucleotides along each record instead of whole records" };
    private readonly Option<int?> stride = new("--stride") { Description = "nucleotides between window starts (default: the window)" };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("the encoder (and a learned tokenizer's)");

    private readonly DeviceOptions device = new(precision: false);

    protected override Command Declare()
    {
        var command = new Command("embed", "The encoder's contextual embeddings, per sequence or per token (long sequences in chunks)")
            { input, model, output, pooling.Option, layer, perToken, batch, window, stride, engine.Option };
        device.AddTo(command);
        return command;
    }

    protected override EmbedSettings Bind(ParseResult parse) =>
        new(parse.GetValue(input)!, parse.GetValue(model)!, parse.GetValue(output)!, pooling.Get(parse), parse.GetValue(layer),
            parse.GetValue(perToken), parse.GetValue(batch), parse.GetValue(window), parse.GetValue(stride), engine.Get(parse)) { Compute = device.Read(parse) };

    protected override int Run(EmbedSettings settings)
    {
        var console = Terminal.Out;
        var compute = settings.Compute.Resolve();
        if (settings.Compute.EngineNote(settings.Engine) is { } note) console.MarkupLine(Markup.Escape(note));
        using var embedder = SequenceEmbedder.Load(settings.Model, settings.Engine.On(compute.Device), compute.Device);
        int layerIndex = settings.Layer ?? embedder.Layers;
        if (layerIndex > embedder.Layers) throw UsageException.Invalid("--layer", $"0 … {embedder.Layers} (the model has {embedder.Layers} layers)", layerIndex);
        // First pass: what will be written (the file headers need every shape up front); the second streams.
        var items = Items(settings).Select(i => (i.Id, i.Start, i.End, Tokens: settings.PerToken ? embedder.TokenCount(i.Sequence) : 0)).ToList();
        var idsPath = IdsPath(settings.Output);
        var watch = Stopwatch.StartNew();
        double lastReport = 0;
        int done = 0;
        void Progress(int count)
        {
            done += count;
            if (watch.Elapsed.TotalSeconds - lastReport < 5) return;
            lastReport = watch.Elapsed.TotalSeconds;
            console.MarkupLine($"embedded {done:N0} of {items.Count:N0} sequence(s)");
        }
        if (settings.PerToken)
        {
            using var writer = new EmbeddingsWriter(settings.Output, items.Select(i => (i.Id, i.Tokens)).ToList(), embedder.Width);
            foreach (var item in Items(settings))
            {
                embedder.PerToken(item.Sequence, layerIndex, writer.Write);
                Progress(1);
            }
            WriteIds(idsPath, items.Select(i => (i.Id, i.Start, i.End, i.Tokens)));
            writer.Commit();
        }
        else
        {
            using var writer = Matrix(settings.Output, items.Count, settings.Pooling.PooledWidth(embedder.Width), settings, layerIndex);
            foreach (var part in Items(settings).Chunk(settings.Batch))
            {
                foreach (var vector in embedder.Pooled(part.Select(p => p.Sequence).ToList(), settings.Pooling, layerIndex)) writer.Write(vector);
                Progress(part.Length);
            }
            WriteIds(idsPath, items.Select(i => (i.Id, i.Start, i.End, i.Tokens)));
            writer.Commit();
        }
        console.MarkupLine($"embedded {items.Count:N0} sequence(s) ({(settings.PerToken ? "per token" : Choice<EmbeddingPooling>.Name(settings.Pooling) + " pooling")}, layer {layerIndex} of {embedder.Layers}, width {(settings.PerToken ? embedder.Width : settings.Pooling.PooledWidth(embedder.Width))}) " +
            $"on {Choice<InferenceEngine>.Name(settings.Engine)} in {watch.Elapsed.TotalSeconds:F1} s → [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/], ids in [bold]{Markup.Escape(Paths.Describe(idsPath))}[/]");
        return 0;
    }

    /// <summary>The ids file beside <paramref name="output"/>: out.npy → out.ids.tsv.</summary>
    public static string IdsPath(string output) => Path.ChangeExtension(output, ".ids.tsv");

    /// <summary>Records (or their windows) in input order, with ids and positions.</summary>
    private static IEnumerable<PredictionSpan> Items(EmbedSettings settings) =>
        PredictionInputs.ReadSpans(settings.Input, settings.Windows);

    private static void WriteIds(string path, IEnumerable<(string Id, int Start, int End, int Tokens)> items)
    {
        using var writer = new AtomicWriter(path);
        writer.Writer.WriteLine("id\tstart\tend\ttokens");
        foreach (var (id, start, end, tokens) in items)
            writer.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id}\t{start}\t{end}\t{(tokens > 0 ? tokens.ToString(CultureInfo.InvariantCulture) : "")}"));
        writer.Commit();
    }

    /// <summary>A (rows, width) float32 matrix written row by row: .npy, or one safetensors tensor 'embeddings' with what produced it in the metadata.</summary>
    private static RowWriter Matrix(string path, int rows, int width, EmbedSettings settings, int layerIndex) => path.EndsWith(".npy", StringComparison.Ordinal)
        ? new RowWriter(new NpyWriter(path, rows, width), null)
        : new RowWriter(null, new SafetensorsWriter(path, [new SafetensorsTensorSpec("embeddings", ScalarType.Float32, [rows, width])],
            new Dictionary<string, string>
            {
                ["format"] = "pt",
                ["vqdna_pooling"] = Choice<EmbeddingPooling>.Name(settings.Pooling),
                ["vqdna_layer"] = layerIndex.ToString(CultureInfo.InvariantCulture),
                ["vqdna_model"] = Path.GetFullPath(settings.Model),
                ["vqdna_ids"] = Path.GetFileName(IdsPath(path)),
            }));

    private sealed class RowWriter(NpyWriter? npy, SafetensorsWriter? safetensors) : IDisposable
    {
        public void Write(float[] row)
        {
            if (npy is not null) npy.Write(row);
            else safetensors!.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AsSpan()));
        }

        public void Commit()
        {
            npy?.Commit();
            safetensors?.Commit();
        }

        public void Dispose()
        {
            npy?.Dispose();
            safetensors?.Dispose();
        }
    }
}
