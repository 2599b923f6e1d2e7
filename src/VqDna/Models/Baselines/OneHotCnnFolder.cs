using VqDna.IO;
using VqDna.Torch;
using VqDna.Torch.Serialization;

namespace VqDna.Models.Baselines;

/// <summary>
/// The convolutional baseline on disk: config.json (<c>model_type</c> "cnn" and the <see cref="OneHotCnnConfig"/>)
/// and model.safetensors (its state dict). Loading rebuilds the network from config.json.
/// </summary>
public static class OneHotCnnFolder
{
    /// <summary>The <c>model_type</c> in config.json.</summary>
    public const string ModelType = "cnn";
    /// <summary>The model folder's settings file.</summary>
    public const string ConfigFile = "config.json";
    /// <summary>The model folder's weights file.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>Writes <paramref name="model"/>'s config.json and model.safetensors into <paramref name="directory"/>.</summary>
    public static void Save(OneHotCnn model, string directory)
    {
        Directory.CreateDirectory(directory);
        Safetensors.Save(model.StateDict(), Path.Combine(directory, WeightsFile), new Dictionary<string, string> { ["format"] = "pt" });
        JsonFiles.Write(Path.Combine(directory, ConfigFile), new SavedConfig(ModelType, model.Config));
    }

    /// <summary>The network saved in <paramref name="directory"/>, in eval mode; anything else is an error naming the file.</summary>
    public static OneHotCnn Load(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        var saved = JsonFiles.Read<SavedConfig>(configPath);
        if (saved.ModelType != ModelType) throw new InvalidDataException($"'{configPath}' describes a '{saved.ModelType}' model, not '{ModelType}'");
        OneHotCnnConfig config;
        try { config = saved.Cnn.Validate(); }
        catch (ArgumentException e) { throw new InvalidDataException($"'{configPath}' has an invalid setting: {e.Message}", e); }
        var model = new OneHotCnn(config);
        try
        {
            using var scope = torch.NewDisposeScope();
            model.LoadStateDict(Safetensors.Load(Path.Combine(directory, WeightsFile)));
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.Eval();
        return model;
    }

    /// <summary>True when <paramref name="directory"/> holds a saved convolutional baseline.</summary>
    public static bool IsFolder(string directory) => SavedModelType.Of(directory) == ModelType;

    private sealed record SavedConfig(string ModelType, OneHotCnnConfig Cnn);
}
