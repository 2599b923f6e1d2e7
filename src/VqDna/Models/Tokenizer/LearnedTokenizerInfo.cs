namespace VqDna.Models.Tokenizer;

/// <summary>tokenizer.json of a learned tokenizer: its kind, levels and codebook sizes.</summary>
public sealed record LearnedTokenizerInfo(string Type, int Levels, int[] CodebookSizes, int CodeDim, int ReceptiveRadius, string Model, string Version)
{
    /// <summary>The tokenizer.json of a tokenizer built from <paramref name="c"/>.</summary>
    public static LearnedTokenizerInfo For(VqTokenizerConfig c) => new(
        c.Kind, c.Levels, Enumerable.Range(1, c.Levels).Select(c.LevelCodebookSize).ToArray(), c.CodeDim,
        c.ReceptiveRadius, VqTokenizerFolder.WeightsFile, BuildInfo.Version);
}
