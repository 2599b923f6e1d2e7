using VqDna.Inputs;
using VqDna.IO;
using VqDna.ModelFolders;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch;
using VqDna.Torch.Distributed;
using VqDna.Torch.Optim;
using VqDna.Training.Engine;

namespace VqDna.Training.Pretraining;

/// <summary>
/// Stage 2 of VQDNA: pre-trains a BERT-style encoder by masked (code) modeling over windows of the corpus,
/// tokenized by any tokenizer. The loop is the shared <see cref="TrainingLoop"/>; this class holds the
/// masked-modeling step, the held-out evaluation and the output folder.
/// </summary>
public static class Pretrainer
{
    private const int EvalSeed = 0xE7A1;

    /// <summary>
    /// Pre-trains into <paramref name="outputDirectory"/> (resuming a checkpoint of the same run) and returns
    /// the final held-out evaluation. <paramref name="inputs"/> is the built tokenizer (see <see cref="TokenizerSpec.Build"/>).
    /// The model trains on <paramref name="compute"/>'s device and precision (the CPU in fp32 when not given): the inputs
    /// are moved there (<see cref="SequenceInputs.To"/>: batches built on the CPU and copied once per step, a learned
    /// tokenizer's frozen network on the same device); the folder's files are written from CPU copies.
    /// </summary>
    public static PretrainingResult Train(GenomeCorpus corpus, PretrainingConfig config, SequenceInputs inputs, string outputDirectory,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default, bool allowDataChange = false,
        ProcessGroup? group = null, DeviceSettings? compute = null)
    {
        config.Validate();
        compute ??= DeviceSettings.Cpu;
        inputs.To(compute.Device);
        using var folder = RunFolder.Begin(outputDirectory, config, corpus.Fingerprint, allowDataChange, group);
        var (training, heldOut) = WindowSampler.Split(corpus, config.WindowLength);

        var encoderConfig = EncoderConfig.Preset(config.Preset, inputs.Spec) with { MaxLength = config.WindowLength };
        var optimization = config.Minutes is { } minutes
            ? config.Optimization with { Steps = BudgetSteps(folder, group, minutes, () => SecondsPerStep(encoderConfig, config, inputs, training, compute)) }
            : config.Optimization;
        torch.manual_seed(optimization.Seed);
        using var model = new DnaForMaskedModeling(encoderConfig);
        model.to(compute.Device);                                              // before the optimizer: its moments follow the parameters
        using var optimizer = optimization.CreateOptimizer(model);
        var loop = new TrainingLoop(folder, optimization)
        {
            BasesPerStep = (long)config.BatchSize * config.WindowLength * config.Optimization.AccumulationSteps,
            EvaluateEvery = config.EvalEvery,
            Evaluate = _ => new EvaluationResult(Evaluate(model, inputs, heldOut, config).ToMetrics()),
            Group = group,
            Compute = compute,
        };
        var outcome = loop.Run(model, optimizer, (_, _, random) => Step(model, inputs, training, config, random), progress, cancellation);

        var evaluation = Evaluate(model, inputs, heldOut, config);
        var result = new PretrainingResult(inputs.Name, evaluation, outcome.Steps, model.ParameterCount(), outcome.Elapsed.TotalMinutes);
        folder.Complete(group, () =>
        {
            EncoderFolder.Save(model, outputDirectory);
            PretrainedFolder.SaveTokenizer(inputs, outputDirectory);
            folder.WriteRunRecord(new RunRecord(config, encoderConfig, result, corpus.Fingerprint, RunEnvironment.Capture(compute)));
        });
        return result;
    }

    /// <summary>The steps of a time budget: rank 0 measures (or reads budget.json) and tells the others.</summary>
    private static int BudgetSteps(RunFolder folder, ProcessGroup? group, double minutes, Func<double> secondsPerStep)
    {
        int steps = folder.IsWriter ? TimeBudget.Resolve(folder, minutes, secondsPerStep) : 0;
        return group is null ? steps : (int)group.broadcast(steps);
    }

    /// <summary>One micro-batch: windows drawn and masked with the step's sampler, the masked-modeling loss.</summary>
    private static StepOutput Step(DnaForMaskedModeling model, SequenceInputs inputs, WindowSampler training, PretrainingConfig config, Random random)
    {
        var windows = training.SampleText(random, config.BatchSize);
        var batch = inputs.Batch(inputs.Tokenize(windows), config.Masking, random);
        var output = model.PredictMasked(batch.Input, batch.Labels!);                  // heads run at the masked positions only
        double accuracy = MaskedAccuracy(output.Logits, output.Labels);
        return new StepOutput(output.Loss, new MaskedModelingStepDetails(accuracy, batch.Tokens / (double)(windows.Length * config.WindowLength), batch.Predicted));
    }

    /// <summary>
    /// Times optimizer steps of a throw-away copy of the model (the run's own model is built afresh from the seed
    /// afterwards, so calibrating changes nothing in it): the first step is a warm-up, the next two are measured.
    /// </summary>
    private static double SecondsPerStep(EncoderConfig encoderConfig, PretrainingConfig config, SequenceInputs inputs, WindowSampler training, DeviceSettings compute)
    {
        using var model = new DnaForMaskedModeling(encoderConfig);
        model.to(compute.Device);
        using var optimizer = config.Optimization.CreateOptimizer(model);
        var random = new Random(0);
        var watch = new System.Diagnostics.Stopwatch();
        for (int i = 0; i < 3; i++)
        {
            if (i == 1) watch.Start();
            for (int micro = 0; micro < config.Optimization.AccumulationSteps; micro++)
            {
                using var scope = torch.NewDisposeScope();
                StepOutput output;
                using (compute.Precision.Autocast(compute.Device)) output = Step(model, inputs, training, config, random);
                output.Loss.backward();
            }
            using (torch.NewDisposeScope()) optimizer.Step();
            optimizer.ZeroGrad();
            if (compute.Device.is_cuda) torch.cuda.synchronize(compute.Device);   // the GPU's queued work belongs to this step's time
        }
        return watch.Elapsed.TotalSeconds / 2;
    }

    /// <summary>
    /// Masked-modeling loss and accuracy on <see cref="PretrainingConfig.EvalBatches"/> held-out batches whose
    /// windows and masks come from a fixed seed, so every evaluation of every run sees the same problems.
    /// </summary>
    public static PretrainingEvaluation Evaluate(DnaForMaskedModeling model, SequenceInputs inputs, WindowSampler heldOut, PretrainingConfig config)
    {
        bool wasTraining = model.training;
        model.Eval();
        var random = new Random(EvalSeed);
        double loss = 0, accuracy = 0, tokens = 0;
        try
        {
            using var noGrad = torch.no_grad();
            for (int b = 0; b < config.EvalBatches; b++)
            {
                using var scope = torch.NewDisposeScope();
                var windows = heldOut.SampleText(random, config.BatchSize);
                var batch = inputs.Batch(inputs.Tokenize(windows), config.Masking, random);
                var output = model.PredictMasked(batch.Input, batch.Labels!);
                loss += output.Loss.item<double>();
                accuracy += MaskedAccuracy(output.Logits, output.Labels);
                tokens += batch.Tokens / (double)(windows.Length * config.WindowLength);
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        int n = config.EvalBatches;
        return new PretrainingEvaluation(loss / n, accuracy / n, tokens / n);
    }

    /// <summary>Mean over heads of the fraction of labelled positions whose arg-max is the label (logits (…, V), labels (…), −100 ignored).</summary>
    public static double MaskedAccuracy(IReadOnlyList<Tensor> logits, IReadOnlyList<Tensor> labels)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double sum = 0;
        for (int head = 0; head < logits.Count; head++)
        {
            var labelled = labels[head].ne(SequenceInputs.IgnoreIndex);
            double count = labelled.sum().item<long>();
            double correct = logits[head].argmax(-1).eq(labels[head]).logical_and(labelled).sum().item<long>();
            sum += count == 0 ? 0 : correct / count;
        }
        return sum / logits.Count;
    }

    private sealed record RunRecord(PretrainingConfig Training, EncoderConfig Encoder, PretrainingResult Result, DataFingerprint Data, RunEnvironment Environment);
}
