namespace VqDna;

/// <summary>Version and provenance of this build, written beside every run's output.</summary>
public static class BuildInfo
{
    /// <summary>The assembly version as major.minor.patch ("0.0.0" when unknown).</summary>
    public static string Version => typeof(BuildInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
