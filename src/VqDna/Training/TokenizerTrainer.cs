using VqDna.IO;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
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

    /// <summary>The held-out code usage histogram (.png and .svg) in the tokenizer folder (drawn by Reports.Charts.TrainingRunCharts).</summary>
    public const string CodeUsageFile = "code_usage";

    /// <summary>
    /// Trains into <paramref name="outputDirectory"/> (resuming its checkpoint if it holds one of the same run)
    /// and returns the held-out evaluation. <paramref name="allowDataChange"/> resumes even though the corpus
    /// differs from the checkpoint's. Under <paramref name="group"/> it trains data-parallel: the batch
    /// is per rank, the codebooks are kept identical by the quantizers, and rank 0 alone writes. The model trains on
    /// <paramref name="compute"/>'s device and precision (the CPU in fp32 when not given); batches are drawn on the CPU
    /// and copied there once per step; the folder's files are written from CPU copies, so they load anywhere.
    /// </summary>
    public static TokenizerEvaluation Train(GenomeCorpus corpus, TokenizerTrainingConfig config, string outputDirectory,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default, bool allowDataChange = false,
        ProcessGroup? group = null, DeviceSettings? compute = null)
    {
        config.Validate();
        compute ??= DeviceSettings.Cpu;
        var device = compute.Device;
        using var folder = RunFolder.Begin(outputDirectory, config, corpus.Fingerprint, allowDataChange, group);
        var (training, heldOut) = WindowSampler.Split(corpus, config.WindowLength);

        torch.manual_seed(config.Optimization.Seed);
        using var model = new VqTokenizerModel(config.Model);
        foreach (var (_, module) in model.NamedModules())
            if (module is VectorQuantizer quantizer) quantizer.Group = group;
        model.to(device);                                                      // before the optimizer: its moments follow the parameters
        using var optimizer = config.Optimization.CreateOptimizer(model);
        var loop = new TrainingLoop(folder, config.Optimization)
        {
            BasesPerStep = (long)config.BatchSize * config.WindowLength * config.Optimization.AccumulationSteps,
            Group = group,
            Compute = compute,
        };
        loop.Run(model, optimizer, (_, _, random) =>
        {
            var nucleotides = OnDevice(training.Sample(random, config.BatchSize), device);
            using var codeMask = config.CodeMaskRate > 0 ? OnDevice(CodeMask(random, config.BatchSize, config.WindowLength / config.Model.Stride, config.CodeMaskRate), device) : null;
            var output = model.Forward(nucleotides, codeMask);
            double accuracy;
            using (torch.no_grad()) accuracy = output.Logits.argmax(-1).eq(nucleotides).to(ScalarType.Float32).mean().item<double>();
            return new StepOutput(output.Loss, new TokenizerStepDetails(accuracy, output.Codes.Usage));
        }, progress, cancellation);

        var evaluation = TokenizerEvaluator.Evaluate(model, heldOut, config.EvalBatches, config.BatchSize, EvalSeed, device);
        folder.Complete(group, () =>
        {
            VqTokenizerFolder.Save(model, outputDirectory);
            folder.WriteRunRecord(new RunRecord(config, evaluation, corpus.Fingerprint, RunEnvironment.Capture(compute)));
        });
        return evaluation;
    }

    /// <summary>A batch built on the CPU, on <paramref name="device"/>: the same tensor on the CPU, else a copy (the CPU one freed).</summary>
    internal static Tensor OnDevice(Tensor cpu, Device device)
    {
        if (device.is_cpu) return cpu;
        using (cpu) return cpu.to(device);
    }

    /// <summary>Positions whose code the decoder will not see, (batch, length) bool, drawn from the step's own Random so a resumed run draws the same.</summary>
    private static Tensor CodeMask(Random random, int batch, int length, double rate)
    {
        var hidden = new bool[batch * length];
        for (int i = 0; i < hidden.Length; i++) hidden[i] = random.NextDouble() < rate;
        return torch.tensor(hidden, [batch, length]);
    }

    /// <summary>run.json: what produced this tokenizer and how good it is.</summary>
    private sealed record RunRecord(TokenizerTrainingConfig Training, TokenizerEvaluation Evaluation, DataFingerprint Data, RunEnvironment Environment);
}
