using System.Text.Json;
using VqDna.Torch.NN;

namespace VqDna.Torch.Serialization;

/// <summary>
/// LoRA adapters on disk in Hugging Face peft's layout (PeftModel.save_pretrained), so peft can load what we
/// write and we can load what it writes:
///  - adapter_config.json (<see cref="PeftAdapterConfig"/>);
///  - adapter_model.safetensors with keys "base_model.model.&lt;module path&gt;.lora_A.weight" [r, in] and
///    ".lora_B.weight" [out, r] (peft's get_peft_model_state_dict drops the adapter name "default"), and each
///    module to save whole under "base_model.model.&lt;module path&gt;.&lt;parameter&gt;" (peft keeps the copy in
///    memory as "&lt;path&gt;.modules_to_save.default.&lt;parameter&gt;" and strips "modules_to_save.default" on save),
///    metadata {"format": "pt"}.
/// </summary>
public static class PeftAdapter
{
    /// <summary>The adapter's settings file name in peft's layout.</summary>
    public const string ConfigFile = "adapter_config.json";
    /// <summary>The adapter's weights file name in peft's layout.</summary>
    public const string WeightsFile = "adapter_model.safetensors";

    /// <summary>The key prefix peft's PeftModel puts before the wrapped model's own paths.</summary>
    public const string KeyPrefix = "base_model.model.";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// Writes the adapter of <paramref name="model"/> (LoRA already injected) and the modules in
    /// config.ModulesToSave. Both files are written atomically.
    /// </summary>
    public static void Save(string directory, Module model, PeftAdapterConfig config)
    {
        var tensors = AdapterState(model, config);
        Directory.CreateDirectory(directory);
        Safetensors.Save(tensors, Path.Combine(directory, WeightsFile), new Dictionary<string, string> { ["format"] = "pt" });
        SaveConfig(directory, config);
    }

    /// <summary>Writes adapter_config.json alone, atomically (e.g. to record another base_model_name_or_path).</summary>
    public static void SaveConfig(string directory, PeftAdapterConfig config)
    {
        using var stream = new AtomicFileStream(Path.Combine(directory, ConfigFile));
        JsonSerializer.Serialize(stream, config, Json);
        stream.Write("\n"u8);
        stream.Commit();
    }

    /// <summary>The adapter's tensors under peft's file keys, in the model's order (the model's own tensors: do not dispose).</summary>
    public static List<KeyValuePair<string, Tensor>> AdapterState(Module model, PeftAdapterConfig config)
    {
        var adapters = LoRA.Adapters(model).ToList();
        if (adapters.Count == 0) throw new InvalidOperationException($"{model.GetType().Name} has no LoRA adapter to save (run LoRA.Inject first)");
        var saved = ModulesToSave(model, config);
        var result = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, tensor) in model.StateDict())
            if (LoRA.IsLoRAParameter(name) || saved.Any(p => name.StartsWith(p + ".", StringComparison.Ordinal)))
                result.Add(new(KeyPrefix + name, tensor));
        return result;
    }

    /// <summary>Reads adapter_config.json; peft's other fields are accepted and ignored.</summary>
    public static PeftAdapterConfig ReadConfig(string directory)
    {
        var path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{directory}' is not a peft adapter folder: {ConfigFile} is missing", path);
        try
        {
            var config = JsonSerializer.Deserialize<PeftAdapterConfig>(File.ReadAllText(path))
                ?? throw new InvalidDataException("it holds null");
            config.ToLoRAConfig();
            return config;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"'{path}' is not a usable LoRA adapter config: {e.Message}", e);
        }
    }

    /// <summary>
    /// The pre-trained folder an adapter folder adapts: base_model_name_or_path, resolved against the adapter
    /// folder when relative. Throws naming adapter_config.json when it names none.
    /// </summary>
    public static string BaseFolder(string directory)
    {
        var basePath = ReadConfig(directory).BaseModelNameOrPath
            ?? throw new InvalidDataException($"'{Path.Combine(directory, ConfigFile)}' names no base_model_name_or_path");
        return Path.IsPathRooted(basePath) ? basePath : Path.GetFullPath(Path.Combine(directory, basePath));
    }

    /// <summary>
    /// Loads an adapter folder into <paramref name="model"/>: injects LoRA as adapter_config.json says (unless
    /// the model already carries adapters), then copies every tensor. Strict: a LoRA matrix or module-to-save
    /// tensor of the model missing from the file, a file key the model lacks, or a shape that differs is an
    /// error naming the key. Returns the config.
    /// </summary>
    public static PeftAdapterConfig Load(string directory, Module model)
    {
        var config = ReadConfig(directory);
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"'{directory}' is not a peft adapter folder: {WeightsFile} is missing", weightsPath);
        if (!LoRA.Adapters(model).Any()) LoRA.Inject(model, config.ToLoRAConfig());
        var expected = AdapterState(model, config).ToDictionary(kv => kv.Key, kv => kv.Value);
        using var scope = torch.NewDisposeScope();
        var file = Safetensors.Load(weightsPath);
        var missing = expected.Keys.Where(k => !file.ContainsKey(k)).ToList();
        var unexpected = file.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException($"'{weightsPath}' does not fit {model.GetType().Name}: " +
                (missing.Count > 0 ? $"missing keys [{string.Join(", ", missing)}]" : "") +
                (missing.Count > 0 && unexpected.Count > 0 ? "; " : "") +
                (unexpected.Count > 0 ? $"unexpected keys [{string.Join(", ", unexpected)}]" : ""));
        foreach (var (key, target) in expected)
        {
            var source = file[key];
            if (!target.shape.SequenceEqual(source.shape) || target.dtype != source.dtype)
                throw new InvalidDataException($"'{weightsPath}': '{key}' is [{string.Join(", ", source.shape)}] {source.dtype}, the model expects [{string.Join(", ", target.shape)}] {target.dtype}");
        }
        using var noGrad = torch.no_grad();
        foreach (var (key, target) in expected) target.copy_(file[key]);
        return config;
    }

    private static IReadOnlyList<string> ModulesToSave(Module model, PeftAdapterConfig config)
    {
        var names = config.ModulesToSave ?? [];
        var paths = LoRA.ModulePaths(model, names);
        var unmatched = names.Where(n => !paths.Any(p => LoRA.Matches(p, [n]))).ToList();
        if (unmatched.Count > 0)
            throw new InvalidOperationException($"modules_to_save [{string.Join(", ", unmatched)}] match no module of {model.GetType().Name}");
        return paths;
    }
}
