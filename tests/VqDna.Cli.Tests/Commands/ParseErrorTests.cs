namespace VqDna.Cli.Tests.Commands;

/// <summary>A value that does not parse as its option's type is told in words, not as a CLR type name.</summary>
public sealed class ParseErrorTests
{
    [Theory]
    [InlineData("pretrain", "--steps", "1.5", "error: Cannot parse argument '1.5' for option '--steps': expected an integer.")]
    [InlineData("pretrain", "--mask-rate", "abc", "error: Cannot parse argument 'abc' for option '--mask-rate': expected a number.")]
    [InlineData("tokenizer train", "--levels", "three", "error: Cannot parse argument 'three' for option '--levels': expected an integer.")]
    public void AValueOfTheWrongTypeSaysWhatToType(string verb, string option, string value, string expected)
    {
        var result = CliRunner.Run([.. verb.Split(' '), option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(expected, lines[0]);
        Assert.DoesNotContain("System.", result.Stderr);
        Assert.StartsWith($"usage: see `vqdna {verb} --help`", lines[1]);
    }

    [Fact]
    public void TypesWithoutAWordKeepTheirMessage() =>
        Assert.Equal("Cannot parse argument 'x' for option '-o' as expected type 'System.IO.FileInfo'.",
            Program.Readable("Cannot parse argument 'x' for option '-o' as expected type 'System.IO.FileInfo'."));
}
