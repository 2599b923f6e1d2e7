using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VqDna.Export;
using VqDna.Inference;
using VqDna.ModelFolders;
using VqDna.Models.Engines;
using VqDna.Sequences.Readers;
using VqDna.Tests.Analysis.Variants;
using VqDna.Tests.Training.Finetuning;
using VqDna.Torch;
using VqDna.Training.Finetuning;
using Xunit.Abstractions;

namespace VqDna.Tests.Export;

/// <summary>
/// The pre-trained encoder as ONNX (issue 20: `export --onnx` refused a pre-trained folder, and `embed` ran on libtorch
/// only): the file passes onnx.checker and gives libtorch's states, and `embed`'s embeddings agree between engines on
/// real sequences of a genome the models never saw, past the context too.
/// </summary>
public sealed class EncoderOnnxExportTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void PretrainedKmerEncoderIsExportedWithEveryLayersStatesAndThePooledVector()
    {
        var folder = TinyFinetuned.Pretrained(temp.Path, "kmer6");
        Assert.Equal(OnnxExportKind.Encoder, OnnxExporter.Detect(folder));
        var onnx = temp.File("encoder.onnx");
        var result = OnnxExporter.Export(folder, onnx);
        Assert.Equal(OnnxExportKind.Encoder, result.Kind);
        Assert.Equal(["input_ids", "attention_mask"], result.Inputs);

        using var torchEmbedder = SequenceEmbedder.Load(folder, InferenceEngine.Torch);
        int layers = torchEmbedder.Layers, width = torchEmbedder.Width;
        Assert.Equal([.. Enumerable.Range(0, layers).Select(EncoderOnnxExport.HiddenStatesOutput), "last_hidden_state", "pooled"], result.Outputs);
        var report = OnnxCheck.Run(onnx);
        Assert.Equal(17, report.GetProperty("opset").GetProperty("ai.onnx").GetInt32());
        Assert.Equal(result.Outputs, OnnxCheck.Names(report, "outputs"));

        // The written file, fed a padded batch within the context: its pooled output is embed's mean pooling on libtorch.
        var sequences = Windows(8, 40, 10);                                       // up to 110 nt: within the 128-token context
        var expected = torchEmbedder.Pooled(sequences, EmbeddingPooling.Mean, layers);
        var rows = torchEmbedder.Inputs.Tokenize(sequences);
        int batch = rows.Count, length = rows.Max(r => r.Length);
        Assert.True(length <= torchEmbedder.Config.MaxLength);
        var feeds = new List<NamedOnnxValue>();
        using (var scope = torch.NewDisposeScope())
        {
            var encoded = torchEmbedder.Inputs.Batch(rows).Input;
            feeds.Add(NamedOnnxValue.CreateFromTensor(EncoderOnnxExport.IdsInput, new DenseTensor<long>(encoded.InputIds!.ToArray<long>(), [batch, length])));
            var mask = encoded.AttentionMask.ToArray<bool>().Select(b => b ? 1L : 0L).ToArray();
            feeds.Add(NamedOnnxValue.CreateFromTensor(EncoderOnnxExport.MaskInput, new DenseTensor<long>(mask, [batch, length])));
        }
        using var session = new InferenceSession(onnx);
        Assert.Equal("encoder", session.ModelMetadata.CustomMetadataMap[OnnxMetadataKeys.Kind]);
        Assert.Equal("kmer6", session.ModelMetadata.CustomMetadataMap[OnnxMetadataKeys.TokenizerType]);
        using var results = session.Run(feeds);
        var pooled = results.Single(r => r.Name == EncoderOnnxExport.PooledOutput).AsTensor<float>().ToArray();
        Assert.Equal(batch * width, pooled.Length);
        double max = expected.SelectMany(v => v).Zip(pooled).Max(p => Math.Abs(p.First - p.Second));
        output.WriteLine($"kmer6 file: {batch} sequences, {length} tokens wide, max |Δ pooled| = {max:G3}");
        Assert.InRange(max, 0, Tolerance);

        using var onnxEmbedder = SequenceEmbedder.Load(folder, InferenceEngine.Onnx);
        AssertEnginesAgree(torchEmbedder, onnxEmbedder, "kmer6 pre-trained");
    }

    [Fact]
    public void HrqLoraClassifiersEncoderEmbedsTheSameOnBothEngines()
    {
        var tokenizer = TinyTokenizer.Train(temp.File("hrq"));
        var folder = TinyFinetuned.Build(temp.Path, tokenizer, FinetuneMode.Lora);
        using var torchEmbedder = SequenceEmbedder.Load(folder, InferenceEngine.Torch);
        using var onnxEmbedder = SequenceEmbedder.Load(folder, InferenceEngine.Onnx);
        AssertEnginesAgree(torchEmbedder, onnxEmbedder, "hrq LoRA");
    }

    /// <summary>Mean, max, cls and mean-max pooling at the last and the first layer, and per-token states, on both engines, for windows of another genome with one past the context.</summary>
    private void AssertEnginesAgree(SequenceEmbedder torchEmbedder, SequenceEmbedder onnxEmbedder, string what)
    {
        Assert.Equal(InferenceEngine.Torch, torchEmbedder.Engine.Kind);
        Assert.Equal(InferenceEngine.Onnx, onnxEmbedder.Engine.Kind);
        var sequences = Windows(6, 70, 31);
        sequences.Add(Windows(1, 700, 0)[0]);                                                    // 700 nt: several chunks of 128 tokens
        Assert.True(torchEmbedder.TokenCount(sequences[^1]) > torchEmbedder.Config.MaxLength);
        double max = 0;
        foreach (var layer in new[] { torchEmbedder.Layers, 1 })
            foreach (var pooling in new[] { EmbeddingPooling.Mean, EmbeddingPooling.Max, EmbeddingPooling.Cls, EmbeddingPooling.MeanMax })
            {
                var expected = torchEmbedder.Pooled(sequences, pooling, layer);
                var actual = onnxEmbedder.Pooled(sequences, pooling, layer);
                max = Math.Max(max, expected.SelectMany(v => v).Zip(actual.SelectMany(v => v)).Max(p => Math.Abs(p.First - p.Second)));
            }
        var torchTokens = new List<float>();
        var onnxTokens = new List<float>();
        torchEmbedder.PerToken(sequences[^1], torchEmbedder.Layers, rows => torchTokens.AddRange(rows.ToArray()));
        onnxEmbedder.PerToken(sequences[^1], onnxEmbedder.Layers, rows => onnxTokens.AddRange(rows.ToArray()));
        Assert.Equal(torchEmbedder.TokenCount(sequences[^1]) * torchEmbedder.Width, onnxTokens.Count);
        max = Math.Max(max, torchTokens.Zip(onnxTokens).Max(p => Math.Abs(p.First - p.Second)));
        output.WriteLine($"{what}: {sequences.Count} sequences of {sequences.Min(s => s.Length)}-{sequences.Max(s => s.Length)} nt, torch vs onnx max |Δ| = {max:G3}");
        Assert.InRange(max, 0, Tolerance);
        Assert.NotEqual(0, torchTokens.Max(Math.Abs));                                            // real states, not zeros on both sides
    }

    /// <summary><paramref name="count"/> windows of V. cholerae (not in the pre-training corpus), <paramref name="length"/> + step·i nucleotides.</summary>
    private static List<string> Windows(int count, int length, int step)
    {
        var genome = SequenceFile.Read(RepoData.Data("genomes/vcholerae_O395_200kb.fa.gz")).First().Sequence;
        return Enumerable.Range(0, count).Select(i => genome.Substring(20_000 + i * 1000, length + step * i)).ToList();
    }
}
