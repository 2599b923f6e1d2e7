using System.Globalization;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Torch.Serialization;

namespace VqDna.Training.Engine;

/// <summary>
/// The whole training state in one safetensors file written atomically: the model's state dict under
/// "model.", the optimizer's under "optim.", the step and any trainer state in the metadata. The key layout
/// is a contract: a PyTorch user reads model.* as the module's state_dict.
/// </summary>
public static class Checkpoint
{
    /// <summary>Key prefix of the model's state dict.</summary>
    public const string ModelPrefix = "model.";
    /// <summary>Key prefix of the optimizer's state.</summary>
    public const string OptimizerPrefix = "optim.";
    /// <summary>Metadata key of the step the checkpoint was taken after.</summary>
    public const string StepKey = "step";

    /// <summary>
    /// Writes <paramref name="model"/>, <paramref name="optimizer"/>, <paramref name="step"/> and the trainer's <paramref name="state"/> to
    /// <paramref name="path"/>, atomically.
    /// </summary>
    public static void Save(string path, Module model, AdamW optimizer, int step, IReadOnlyDictionary<string, string>? state = null)
    {
        var tensors = model.StateDict().Select(kv => new KeyValuePair<string, Tensor>(ModelPrefix + kv.Key, kv.Value))
            .Concat(optimizer.StateDict().Select(kv => new KeyValuePair<string, Tensor>(OptimizerPrefix + kv.Key, kv.Value)));
        var metadata = new Dictionary<string, string>(state ?? new Dictionary<string, string>())
        {
            [StepKey] = step.ToString(CultureInfo.InvariantCulture),
        };
        Safetensors.Save(tensors, path, metadata);
    }

    /// <summary>Loads a checkpoint into <paramref name="model"/> and <paramref name="optimizer"/>; returns its step and trainer state.</summary>
    public static (int step, IReadOnlyDictionary<string, string> state) Load(string path, Module model, AdamW optimizer)
    {
        using var scope = torch.NewDisposeScope();
        var header = Safetensors.ReadHeader(path);
        if (!header.Metadata.TryGetValue(StepKey, out var stepText) || !int.TryParse(stepText, CultureInfo.InvariantCulture, out int step))
            throw new InvalidDataException($"'{path}' has no step in its metadata: not a training checkpoint");
        var tensors = Safetensors.Load(path);
        try
        {
            model.LoadStateDict(Prefixed(tensors, ModelPrefix));
            optimizer.LoadStateDict(Prefixed(tensors, OptimizerPrefix), step);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' does not fit this run's model: {e.Message}", e);
        }
        var state = header.Metadata.Where(kv => kv.Key != StepKey).ToDictionary(kv => kv.Key, kv => kv.Value);
        return (step, state);
    }

    private static Dictionary<string, Tensor> Prefixed(IEnumerable<KeyValuePair<string, Tensor>> tensors, string prefix) =>
        tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
