namespace VqDna.Models.Tokenizer;

/// <summary>How a tokenizer preset is written for people and in files: "tiny", "small", "paper" (as `--preset` takes it).</summary>
public static class TokenizerPresetNames
{
    /// <summary>The preset's name in lower case.</summary>
    public static string Name(this TokenizerPreset preset) => preset.ToString().ToLowerInvariant();
}
