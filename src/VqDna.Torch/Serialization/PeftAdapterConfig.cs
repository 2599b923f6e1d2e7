using System.Text.Json.Serialization;
using VqDna.Torch.NN;

namespace VqDna.Torch.Serialization;

/// <summary>
/// adapter_config.json as Hugging Face peft writes it for LoRA (LoraConfig.save_pretrained), with the fields
/// peft reads back; we write the ones that define what we support (no rsLoRA, DoRA, per-layer rank patterns
/// or bias training) so that peft's defaults match, and reading refuses files that need anything else.
/// </summary>
public sealed record PeftAdapterConfig
{
    /// <summary>The adapter kind; only "LORA" is supported.</summary>
    [JsonPropertyName("peft_type")] public string PeftType { get; init; } = "LORA";
    /// <summary>peft's TaskType, e.g. "SEQ_CLS" for sequence classification; null for a bare model.</summary>
    [JsonPropertyName("task_type")] public string? TaskType { get; init; }
    /// <summary>The base model folder (or hub name) the adapter was trained on.</summary>
    [JsonPropertyName("base_model_name_or_path")] public string? BaseModelNameOrPath { get; init; }
    /// <summary>LoRA rank r.</summary>
    [JsonPropertyName("r")] public int R { get; init; } = 8;
    /// <summary>LoRA α; the update is scaled by α / r.</summary>
    [JsonPropertyName("lora_alpha")] public double LoraAlpha { get; init; } = 8;
    /// <summary>Dropout on the input of the A path.</summary>
    [JsonPropertyName("lora_dropout")] public double LoraDropout { get; init; }
    /// <summary>Names of the adapted Linear modules (peft's suffix match).</summary>
    [JsonPropertyName("target_modules")] public string[] TargetModules { get; init; } = [];
    /// <summary>Modules trained fully and saved whole beside the adapter, e.g. ["classifier"].</summary>
    [JsonPropertyName("modules_to_save")] public string[]? ModulesToSave { get; init; }
    /// <summary>Which biases train; only "none" is supported.</summary>
    [JsonPropertyName("bias")] public string Bias { get; init; } = "none";
    /// <summary>True for layers that store weights (in, out) (GPT-2's Conv1D); only Linear layouts are supported, must be false.</summary>
    [JsonPropertyName("fan_in_fan_out")] public bool FanInFanOut { get; init; }
    /// <summary>True when the adapter was saved for inference rather than further training.</summary>
    [JsonPropertyName("inference_mode")] public bool InferenceMode { get; init; } = true;
    /// <summary>Whether peft initialises B to zero (true: a fresh adapter changes nothing).</summary>
    [JsonPropertyName("init_lora_weights")] public bool InitLoraWeights { get; init; } = true;
    /// <summary>Rank-stabilised LoRA (scale α / √r); not supported, must be false.</summary>
    [JsonPropertyName("use_rslora")] public bool UseRslora { get; init; }
    /// <summary>DoRA (weight-decomposed LoRA); not supported, must be false.</summary>
    [JsonPropertyName("use_dora")] public bool UseDora { get; init; }
    /// <summary>Per-module ranks overriding r; not supported, must be empty.</summary>
    [JsonPropertyName("rank_pattern")] public Dictionary<string, int> RankPattern { get; init; } = new();
    /// <summary>Per-module alphas overriding lora_alpha; not supported, must be empty.</summary>
    [JsonPropertyName("alpha_pattern")] public Dictionary<string, double> AlphaPattern { get; init; } = new();
    /// <summary>Layer indices to adapt (null or empty: all); only whole-model targets are supported.</summary>
    [JsonPropertyName("layers_to_transform")] public int[]? LayersToTransform { get; init; }
    /// <summary>The base model's revision on a hub, if any.</summary>
    [JsonPropertyName("revision")] public string? Revision { get; init; }

    /// <summary>The file form of <paramref name="lora"/>.</summary>
    public static PeftAdapterConfig From(LoRAConfig lora, string? baseModelNameOrPath, string? taskType, IReadOnlyList<string>? modulesToSave) => new()
    {
        R = lora.R,
        LoraAlpha = lora.Alpha,
        LoraDropout = lora.Dropout,
        TargetModules = lora.Targets.ToArray(),
        BaseModelNameOrPath = baseModelNameOrPath,
        TaskType = taskType,
        ModulesToSave = modulesToSave is { Count: > 0 } ? modulesToSave.ToArray() : null,
    };

    /// <summary>The LoRA settings; throws naming the field when the file asks for something we do not implement.</summary>
    public LoRAConfig ToLoRAConfig()
    {
        if (PeftType != "LORA") throw new InvalidDataException($"peft_type is '{PeftType}': only LORA adapters are supported");
        if (Bias != "none") throw new InvalidDataException($"bias is '{Bias}': only 'none' is supported");
        if (UseRslora) throw new InvalidDataException("use_rslora is true: only the α/r scaling is supported");
        if (UseDora) throw new InvalidDataException("use_dora is true: DoRA is not supported");
        if (FanInFanOut) throw new InvalidDataException("fan_in_fan_out is true: only torch.nn.Linear layouts are supported");
        if (RankPattern.Count > 0 || AlphaPattern.Count > 0) throw new InvalidDataException("rank_pattern/alpha_pattern are set: per-layer ranks are not supported");
        if (LayersToTransform is { Length: > 0 }) throw new InvalidDataException("layers_to_transform is set: only whole-model targets are supported");
        try
        {
            return new LoRAConfig(R, LoraAlpha, LoraDropout, TargetModules).Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"invalid LoRA setting: {e.Message}", e);
        }
    }
}
