using VqDna.Inference;
using VqDna.Inputs;
using VqDna.ModelFolders;
using VqDna.Models.Engines;
using VqDna.Sequences.Readers;
using VqDna.Tests.Analysis.Variants;
using VqDna.Tests.Training.Finetuning;
using VqDna.Training.Finetuning;
using Xunit.Abstractions;

namespace VqDna.Tests.Inference;

/// <summary>
/// `predict` on both engines (issue 9): a fine-tuned classifier over a trained HRQ tokenizer, loaded for ONNX
/// Runtime (tokenizer and classifier exported in memory) and for libtorch, gives the same probabilities within
/// 1e-4 on real windows of a genome it never saw, some longer than the model's context (chunked by both).
/// </summary>
public sealed class OnnxClassifierEngineTests(ITestOutputHelper output) : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void PredictionsAgreeAcrossEngines()
    {
        var folder = TinyFinetuned.Build(temp.Path, TinyTokenizer.Train(temp.File("hrq")), FinetuneMode.Lora, tokenizerEngine: InferenceEngine.Onnx);

        var genome = SequenceFile.Read(RepoData.Data("genomes/vcholerae_O395_200kb.fa.gz")).First().Sequence;
        var sequences = Enumerable.Range(0, 10).Select(i => genome.Substring(20_000 + i * 997, 50 + 31 * i)).ToList();   // 50–329 nt: past the 128-token context
        using var torchSide = FinetunedModel.Load(folder, InferenceEngine.Torch);
        using var onnxSide = FinetunedModel.Load(folder, InferenceEngine.Onnx);
        Assert.Equal(InferenceEngine.Onnx, onnxSide.Classifier.Engine.Kind);
        Assert.Equal(InferenceEngine.Onnx, Assert.IsType<CodeVectorInputs>(onnxSide.Classifier.Inputs).Tokenizer.Engine.Kind);
        var expected = torchSide.Classifier.Probabilities(sequences, batchSize: 4);
        var actual = onnxSide.Classifier.Probabilities(sequences, batchSize: 4);
        double max = expected.Zip(actual).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
        output.WriteLine($"{sequences.Count} sequences of 50–329 nt: max |Δp| = {max:G3}");
        Assert.InRange(max, 0, 1e-4);
    }

    /// <summary>
    /// Issue 20: the ONNX engine fed a whole long record to the graph, whose in-graph chunking then held every
    /// chunk's activations at once (9.98 GB for 300 kb). Now the engine cuts rows into context-sized chunks itself and
    /// runs at most ChunkBatch of them at a time; probabilities stay libtorch's within 1e-5.
    /// </summary>
    [Fact]
    public void LongRecordsReachTheGraphInContextSizedChunks()
    {
        var folder = TinyFinetuned.Build(temp.Path, TinyTokenizer.Train(temp.File("hrq")), FinetuneMode.Lora);
        var genome = SequenceFile.Read(RepoData.Data("genomes/vcholerae_O395_200kb.fa.gz")).First().Sequence;
        var sequences = new List<string> { genome.Substring(40_000, 9_000), genome.Substring(60_000, 300) };
        using var torchSide = FinetunedModel.Load(folder, InferenceEngine.Torch);
        using var onnxSide = FinetunedModel.Load(folder, InferenceEngine.Onnx);
        int context = onnxSide.Classifier.Model.Config.MaxLength;
        var expected = torchSide.Classifier.Probabilities(sequences, batchSize: 2);
        var actual = onnxSide.Classifier.Probabilities(sequences, batchSize: 2);
        var engine = Assert.IsType<OnnxClassifierEngine>(onnxSide.Classifier.Engine);
        double max = expected.Zip(actual).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
        output.WriteLine($"9,000 + 300 nt, context {context}: longest row fed {engine.LongestRunRow}, most rows {engine.LargestRunRows}; max |Δp| = {max:G3}");
        Assert.InRange(engine.LongestRunRow, 1, context);
        Assert.InRange(engine.LargestRunRows, 1, engine.ChunkBatch);
        Assert.InRange(max, 0, 1e-5);
    }
}
