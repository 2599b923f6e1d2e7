namespace VqDna.Models.Encoder;

/// <summary>How a preset is written for people and in files: "tiny", "small", "base" (as `--preset` takes it).</summary>
public static class EncoderPresetNames
{
    /// <summary>The preset's name in lower case.</summary>
    public static string Name(this EncoderPreset preset) => preset.ToString().ToLowerInvariant();
}
