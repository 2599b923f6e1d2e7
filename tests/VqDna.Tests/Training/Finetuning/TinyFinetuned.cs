using VqDna.Models.Encoder;
using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Models.Engines;
using VqDna.Torch.NN;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;

namespace VqDna.Tests.Training.Finetuning;

/// <summary>
/// A fine-tuned model folder at the tiny preset, in seconds: 10 pre-training steps on the H. pylori and S. aureus
/// slices, then two epochs on <see cref="SpeciesTask"/> (16 per class). For the tests that export or predict.
/// </summary>
internal static class TinyFinetuned
{
    /// <summary>Pre-trains over <paramref name="tokenizer"/> (a name or a folder) and fine-tunes (the recipe changed by <paramref name="adjust"/>, if given); returns the output folder under <paramref name="directory"/>.</summary>
    public static string Build(string directory, string tokenizer, FinetuneMode mode, bool merge = false, InferenceEngine tokenizerEngine = InferenceEngine.Torch,
        Func<FinetuneConfig, FinetuneConfig>? adjust = null)
    {
        var name = Path.GetFileName(tokenizer);
        var pretrained = Pretrained(directory, tokenizer);
        var task = GueTask.Load(SpeciesTask.Write(Path.Combine(directory, "task-" + name), trainPerClass: 16, evalPerClass: 4));
        var output = Path.Combine(directory, "finetuned-" + name);
        var config = new FinetuneConfig(mode, new LoRAConfig(), new OptimizationConfig(Steps: 0, LearningRate: FinetuneConfig.DefaultLearningRate(mode), Seed: 4),
            Epochs: 2, BatchSize: 8, Patience: 0);
        if (adjust is not null) config = adjust(config);
        Finetuner.Train(task, pretrained, config, output, merge: merge, tokenizerEngine: tokenizerEngine);
        return output;
    }

    /// <summary>Only the pre-training (10 steps, context 128): returns the `vqdna pretrain` output folder under <paramref name="directory"/>.</summary>
    public static string Pretrained(string directory, string tokenizer)
    {
        var pretrained = Path.Combine(directory, "pretrained-" + Path.GetFileName(tokenizer));
        using var inputs = TokenizerSpec.Parse(tokenizer).Build();
        var corpus = GenomeCorpus.Load([RepoData.Data("genomes/hpylori_G27_200kb.fa.gz"), RepoData.Data("genomes/saureus_N315_200kb.fa.gz")]);
        Pretrainer.Train(corpus, new PretrainingConfig(EncoderPreset.Tiny, tokenizer, PretrainingConfig.DefaultOptimization(10, seed: 1) with { WarmupSteps = 2 },
            new MaskingConfig(), WindowLength: 128, BatchSize: 8, EvalEvery: 10, EvalBatches: 1), inputs, pretrained);
        return pretrained;
    }
}
