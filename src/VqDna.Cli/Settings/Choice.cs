using System.CommandLine;
using System.CommandLine.Parsing;

namespace VqDna.Cli.Settings;

/// <summary>
/// An option whose value is one of an enum's members, written in lower case on the command line ("tiny", "hrq").
/// An unknown value is refused at parse time with the valid ones listed (`--preset huge`).
/// </summary>
/// <typeparam name="T">The enum of valid values.</typeparam>
internal sealed class Choice<T> where T : struct, Enum
{
    public Choice(string name, string description, T defaultValue)
    {
        Default = defaultValue;
        // No DefaultValueFactory: help would print the member's C# name; the description says the default instead.
        Option = new Option<T?>(name)
        {
            Description = $"{description} (default: {Name(defaultValue)})",
            HelpName = string.Join("|", Names),
            CustomParser = result => Parse(result, name),
        };
        Option.CompletionSources.Add(Names.ToArray());
    }

    public Option<T?> Option { get; }
    public T Default { get; }

    /// <summary>Every member's spelling, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<T>().Select(Name).ToList();

    /// <summary>The command-line spelling of a member: its name in lower case, words joined by '-'.</summary>
    public static string Name(T value) =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The parsed value, or the default when the option was not given.</summary>
    public T Get(ParseResult parse) => parse.GetValue(Option) ?? Default;

    private static T? Parse(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(Name(value), text, StringComparison.OrdinalIgnoreCase)) return value;
        result.AddError($"{name}: unknown value '{text}'; expected one of {string.Join(", ", Names)}");
        return null;
    }
}
