namespace VqDna.Cli.Settings;

/// <summary>A command line the user must change: the message names the option and what was wrong with its value.</summary>
internal sealed class UsageException : Exception
{
    private UsageException(string message) : base(message) { }

    /// <summary>"--steps must be positive, got 0".</summary>
    public static UsageException Invalid(string option, string requirement, object? value) =>
        new($"{option} must be {requirement}, got {Format(value)}");

    /// <summary>"--output: 'runs' is a directory; expected a file".</summary>
    public static UsageException BadPath(string option, string path, string problem) =>
        new($"{option}: '{path}' {problem}");

    /// <summary>Any other usage problem, already worded.</summary>
    public static UsageException Because(string message) => new(message);

    private static string Format(object? value) => value switch
    {
        null => "nothing",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        string s => $"'{s}'",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
