using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Reports.Charts;
using VqDna.Quantization;
using VqDna.Torch;
using VqDna.Torch.Distributed;
using VqDna.Torch.Optim;
using VqDna.Training.Engine;
using VqDna.Tokenizers.Learned;

namespace VqDna.Training;

/// <summary>
/// Trains a learned tokenizer and writes it as a tokenizer folder. The loop, resume, seeding and checkpoints
/// are the shared <see cref="TrainingLoop"/>'s; this class holds only what is the tokenizer's own: its
/// model, its batches of raw windows and its held-out evaluation.
/// </summary>
public static class TokenizerTrainer
{
    private const int EvalSeed = 0x5EED;

    /// <summary>The held-out code usage histogram (.png and .svg) in the tokenizer folder.</summary>
    public const string CodeUsageFile = "code_usage";

    /// <summary>
    /// Trains into <paramref name="outputDirectory"/> (resuming its checkpoint if it holds one of the same run)
    /// and returns the held-out evaluation. <paramref name="allowDataChange"/> resumes even though the corpus
    /// differs from the checkpoint's. Under <see cref="ProcessGroup.Default"/> it trains data-parallel: the batch
    /// is per rank, the codebooks are kept identical by the quantizers, and rank 0 alone writes.
    /// </summary>
    public static TokenizerEvaluation Train(GenomeCorpus corpus, TokenizerTrainingConfig config, string outputDirectory,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default, bool allowDataChange = false)
    {
        config.Validate();
        using var folder = RunFolder.Begin(outputDirectory, config, corpus.Fingerprint, allowDataChange);
        var (training, heldOut) = WindowSampler.Split(corpus, config.WindowLength);

        torch.manual_seed(config.Optimization.Seed);
        using var model = new VqTokenizerModel(config.Model);
        var group = ProcessGroup.Default;
        foreach (var (_, module) in model.NamedModules())
            if (module is VectorQuantizer quantizer) quantizer.Group = group;
        using var optimizer = new AdamW(model.Parameters(), lr: config.Optimization.LearningRate, weight_decay: config.Optimization.WeightDecay);
        var loop = new TrainingLoop(folder, config.Optimization)
        {
            BasesPerStep = (long)config.BatchSize * config.WindowLength * config.Optimization.AccumulationSteps,
            Group = group,
        };
        loop.Run(model, optimizer, (_, _, random) =>
        {
            var nucleotides = training.Sample(random, config.BatchSize);
            var output = model.Forward(nucleotides);
            double accuracy;
            using (torch.no_grad()) accuracy = output.Logits.argmax(-1).eq(nucleotides).to(ScalarType.Float32).mean().item<double>();
            return new StepOutput(output.Loss, new TokenizerStepDetails(accuracy, output.Codes.Usage));
        }, progress, cancellation);

        var evaluation = TokenizerEvaluator.Evaluate(model, heldOut, config.EvalBatches, config.BatchSize, EvalSeed);
        if (folder.IsWriter)
        {
            VqTokenizerFolder.Save(model, outputDirectory);
            JsonFiles.Write(folder.PathOf(RunFolder.RunFile), new RunRecord(config, evaluation, corpus.Fingerprint, RunEnvironment.Capture()));
            var name = $"{Path.GetFileName(Path.GetFullPath(outputDirectory))} ({config.Model.Kind})";
            TrainingCurvesChart.SaveBeside(folder.PathOf(RunFolder.MetricsFile), name);
            CodeUsageChart.Save(evaluation.Counts, folder.PathOf(CodeUsageFile), $"Held-out codebook usage: {name}");
            Reports.ModelCard.WriteTokenizer(outputDirectory, config, evaluation, corpus.Fingerprint, config.Optimization.Steps);
        }
        group?.barrier();                                                      // the job ends when rank 0's files are written
        return evaluation;
    }

    /// <summary>run.json: what produced this tokenizer and how good it is.</summary>
    private sealed record RunRecord(TokenizerTrainingConfig Training, TokenizerEvaluation Evaluation, DataFingerprint Data, RunEnvironment Environment);
}
