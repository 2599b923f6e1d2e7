namespace VqDna.Models.Tokenizer;

/// <summary>The named sizes of a learned tokenizer (see <see cref="VqTokenizerConfig.Preset(TokenizerPreset, QuantizerKind, int?)"/>).</summary>
public enum TokenizerPreset
{
    /// <summary>Width 32, 2 blocks, K = 32, code dimension 16: tests and quick runs, seconds on one core.</summary>
    Tiny,

    /// <summary>Width 128, 4 blocks, K = 512, code dimension 64: CPU training in minutes.</summary>
    Small,

    /// <summary>The paper's tokenizer: width 384, 6 blocks, K = 512, code dimension 384.</summary>
    Paper,
}
