namespace VqDna;

/// <summary>Version and provenance of this build, written beside every run's output.</summary>
public static class BuildInfo
{
    public static string Version => typeof(BuildInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
