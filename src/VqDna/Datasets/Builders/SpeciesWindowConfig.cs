namespace VqDna.Datasets.Builders;

/// <summary>One species-classification task: the window length and how many windows per class each split gets.</summary>
/// <param name="Window">Window length in bases.</param>
/// <param name="TrainPerClass">Training windows per species.</param>
/// <param name="DevPerClass">Validation windows per species.</param>
/// <param name="TestPerClass">Test windows per species.</param>
public sealed record SpeciesWindowConfig(int Window, int TrainPerClass, int DevPerClass, int TestPerClass)
{
    /// <summary>
    /// The three HyenaDNA-style tasks: 1 kb, 8 kb and 32 kb windows. Counts shrink with the window
    /// so each task stays 12-60 MB of CSV and the smallest genome (C. elegans chrX, 17.7 Mb) still
    /// has enough non-overlapping windows in every split.
    /// </summary>
    public static readonly IReadOnlyList<SpeciesWindowConfig> Default =
    [
        new(1_000, 2_000, 250, 250),
        new(8_000, 1_000, 125, 125),
        new(32_000, 300, 40, 40),
    ];

    /// <summary>The task folder name: species_1kb, species_8kb, species_32kb (species_500bp off the kb grid).</summary>
    public string TaskName => Window % 1000 == 0 ? $"species_{Window / 1000}kb" : $"species_{Window}bp";

    /// <summary>Windows per class for split 0 (train), 1 (dev), 2 (test).</summary>
    public int PerClass(int split) => split switch { 0 => TrainPerClass, 1 => DevPerClass, _ => TestPerClass };
}
