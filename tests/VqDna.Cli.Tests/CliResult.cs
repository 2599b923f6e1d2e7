namespace VqDna.Cli.Tests;

/// <summary>What one run of the command produced.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Everything written to standard output.</param>
/// <param name="Stderr">Everything written to standard error.</param>
/// <param name="CommandLine">The arguments, for failure messages.</param>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr, string CommandLine)
{
    /// <summary>Asserts exit code 0, showing both streams when it is not.</summary>
    public CliResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"`vqdna {CommandLine}` exited {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        return this;
    }

    /// <summary>Asserts a non-zero exit, an "error:" line on stderr containing <paramref name="message"/>, and nothing of it on stdout.</summary>
    public CliResult FailedWith(string message)
    {
        Assert.True(ExitCode != 0, $"`vqdna {CommandLine}` succeeded but should have failed\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        Assert.Contains(message, Stderr);
        Assert.DoesNotContain(message, Stdout);
        return this;
    }

    /// <summary>
    /// Asserts a usage error as every verb reports one (issue 19): exit 2, nothing on stdout, and on stderr exactly
    /// `error: …<paramref name="message"/>…` then the hint `usage: see `<paramref name="usage"/> --help``.
    /// </summary>
    public CliResult UsageError(string message, string usage)
    {
        Assert.True(ExitCode == 2, $"`vqdna {CommandLine}` exited {ExitCode}, expected 2 (usage error)\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        Assert.Equal("", Stdout);
        var lines = Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 2, $"expected an error line and a usage line on stderr, got:\n{Stderr}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
        Assert.Equal($"usage: see `{usage} --help`", lines[1]);
        return this;
    }

    /// <summary>Asserts neither stream holds an ANSI escape sequence (they are redirected to pipes here).</summary>
    public CliResult PlainText()
    {
        Assert.DoesNotContain('\u001b', Stdout);
        Assert.DoesNotContain('\u001b', Stderr);
        return this;
    }
}
