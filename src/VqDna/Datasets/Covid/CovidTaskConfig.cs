namespace VqDna.Datasets.Covid;

/// <summary>Settings of the covid variant task and the defining-mutation table.</summary>
/// <param name="Window">Window length in bases (GUE's covid task: 1,000).</param>
/// <param name="WindowsPerGenome">Windows drawn per genome; 0 tiles each genome completely (about 29 windows of 1 kb).</param>
/// <param name="DevFraction">Share of each variant's genomes held out for validation (at least one when the variant has three or more).</param>
/// <param name="TestFraction">Share of each variant's genomes held out for testing (at least one when the variant has two or more).</param>
/// <param name="DefiningShare">A mutation defines a variant when at least this share of its genomes carry it.</param>
/// <param name="Seed">Seed of the split and of the window offsets; the same seed writes the same files.</param>
/// <param name="TaskName">Folder name of the task; it contains "covid" so the benchmark runner scores it by macro F1.</param>
public sealed record CovidTaskConfig(
    int Window = 1000,
    int WindowsPerGenome = 0,
    double DevFraction = 0.1,
    double TestFraction = 0.1,
    double DefiningShare = 0.9,
    int Seed = 42,
    string TaskName = "covid_variant_1kb")
{
    /// <summary>Checks every setting is in range; returns this, or throws naming the setting.</summary>
    public CovidTaskConfig Validate()
    {
        if (Window < 10) throw new ArgumentOutOfRangeException(nameof(Window), Window, "window must be at least 10 bases");
        if (WindowsPerGenome < 0) throw new ArgumentOutOfRangeException(nameof(WindowsPerGenome), WindowsPerGenome, "windows per genome cannot be negative (0 = tile every genome)");
        if (DevFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(DevFraction), DevFraction, "dev fraction must be in [0, 1)");
        if (TestFraction is < 0 or >= 1 || DevFraction + TestFraction >= 1)
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, $"test fraction must be in [0, 1) and leave genomes for training (dev {DevFraction})");
        if (DefiningShare is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(DefiningShare), DefiningShare, "defining share must be in (0, 1]");
        if (!TaskName.Contains("covid", StringComparison.Ordinal) || TaskName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"task name '{TaskName}' must be a folder name containing \"covid\" (the benchmark runner scores such tasks by macro F1)", nameof(TaskName));
        return this;
    }
}
