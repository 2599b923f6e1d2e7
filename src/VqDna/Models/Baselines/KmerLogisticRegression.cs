using VqDna.Evaluation;
using VqDna.IO;
using VqDna.Torch;
using VqDna.Torch.Serialization;

namespace VqDna.Models.Baselines;

/// <summary>
/// The k-mer baseline as a fitted model: overlapping k-mer frequencies (<see cref="KmerFrequencies"/>),
/// standardised with the training split's statistics, into multinomial logistic regression. Saved as
/// config.json (<c>model_type</c> "kmer-lr", k, classes) and model.safetensors (mean, std, linear.weight, linear.bias).
/// </summary>
/// <param name="K">The k-mer size.</param>
/// <param name="Model">The regression over the 4^k frequencies.</param>
public sealed record KmerLogisticRegression(int K, StandardizedLinearModel Model)
{
    /// <summary>The <c>model_type</c> in config.json.</summary>
    public const string ModelType = "kmer-lr";
    /// <summary>The model folder's settings file.</summary>
    public const string ConfigFile = "config.json";
    /// <summary>The model folder's weights file.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>Rows featurised at once by <see cref="Probabilities"/>, so memory stays bounded by the chunk, not the input.</summary>
    private const int Chunk = 1024;

    /// <summary>Class probabilities per sequence.</summary>
    public float[][] Probabilities(IReadOnlyList<string> sequences)
    {
        var result = new List<float[]>(sequences.Count);
        for (int start = 0; start < sequences.Count; start += Chunk)
        {
            var part = sequences.Skip(start).Take(Chunk).ToList();
            result.AddRange(Model.Probabilities(KmerFrequencies.Matrix(part, K)));
        }
        return result.ToArray();
    }

    /// <summary>Writes config.json and model.safetensors into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var scope = torch.NewDisposeScope())
            Safetensors.Save(Model.ToTensors().ToList(), Path.Combine(directory, WeightsFile));
        JsonFiles.Write(Path.Combine(directory, ConfigFile), new SavedConfig(ModelType, K, Model.Classes));
    }

    /// <summary>Loads a folder written by <see cref="Save"/>; anything else is an error naming the file.</summary>
    public static KmerLogisticRegression Load(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        var config = JsonFiles.Read<SavedConfig>(configPath);
        if (config.ModelType != ModelType) throw new InvalidDataException($"'{configPath}' describes a '{config.ModelType}' model, not '{ModelType}'");
        var weightsPath = Path.Combine(directory, WeightsFile);
        using var scope = torch.NewDisposeScope();
        var model = StandardizedLinearModel.FromTensors(Safetensors.Load(weightsPath), weightsPath);
        if (model.Dimension != KmerFrequencies.Dimension(config.K) || model.Classes != config.NumLabels)
            throw new InvalidDataException($"'{weightsPath}' holds {model.Dimension} features × {model.Classes} classes; " +
                $"'{configPath}' says k = {config.K} ({KmerFrequencies.Dimension(config.K)} features) and {config.NumLabels} classes");
        return new KmerLogisticRegression(config.K, model);
    }

    /// <summary>True when <paramref name="directory"/> holds a saved k-mer baseline.</summary>
    public static bool IsFolder(string directory) => SavedModelType.Of(directory) == ModelType;

    private sealed record SavedConfig(string ModelType, int K, int NumLabels);
}
