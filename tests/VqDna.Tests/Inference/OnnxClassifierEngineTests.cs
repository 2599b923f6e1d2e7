using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Sequences.Readers;
using VqDna.Tests.Analysis.Variants;
using VqDna.Tests.Training.Finetuning;
using VqDna.Torch.NN;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;
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
        var tokenizer = TinyTokenizer.Train(temp.File("hrq"));
        var pretrained = temp.File("pretrained");
        using (var inputs = TokenizerSpec.Parse(tokenizer).Build())
        {
            var corpus = GenomeCorpus.Load([RepoData.Data("genomes/hpylori_G27_200kb.fa.gz"), RepoData.Data("genomes/saureus_N315_200kb.fa.gz")]);
            Pretrainer.Train(corpus, new PretrainingConfig("tiny", tokenizer, PretrainingConfig.DefaultOptimization(8, seed: 2) with { WarmupSteps = 2 },
                new MaskingConfig(), WindowLength: 128, BatchSize: 8, EvalEvery: 8, EvalBatches: 1), inputs, pretrained);
        }
        var task = GueTask.Load(SpeciesTask.Write(temp.File("task"), trainPerClass: 16, evalPerClass: 4));
        var folder = temp.File("finetuned");
        Finetuner.Train(task, pretrained, new FinetuneConfig(FinetuneMode.Lora, new LoRAConfig(), new OptimizationConfig(Steps: 6, LearningRate: 1e-3, Seed: 5),
            BatchSize: 8, Patience: 0), folder, tokenizerEngine: InferenceEngine.Onnx);

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
}
