namespace VqDna.Models.Encoder;

/// <summary>The named encoder sizes (<see cref="EncoderConfig.Preset(EncoderPreset, EncoderInputSpec)"/>; `--preset`).</summary>
public enum EncoderPreset
{
    /// <summary>d 128, 4 layers, 4 heads.</summary>
    Tiny,
    /// <summary>d 256, 6 layers, 8 heads.</summary>
    Small,
    /// <summary>BERT-base: d 768, 12 layers, 12 heads.</summary>
    Base,
}
