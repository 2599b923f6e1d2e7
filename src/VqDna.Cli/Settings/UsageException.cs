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

    /// <summary>
    /// A library config's range error as an option error: "--batch must be at most 65,536, got 1000000000". The
    /// library words the requirement ("must be …", "is too large: …"); the option replaces its field name.
    /// </summary>
    public static UsageException OutOfRange(string option, ArgumentOutOfRangeException error)
    {
        var reason = error.Message;
        int suffix = reason.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (suffix >= 0) reason = reason[..suffix];
        return new($"{option} {reason}, got {Format(error.ActualValue)}");
    }

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
