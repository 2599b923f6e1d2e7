using System.Text.Json;

namespace VqDna.IO;

/// <summary>
/// snake_case as <see cref="JsonNamingPolicy.SnakeCaseLower"/>, except that the acronyms our names carry stay one
/// word: "LoRA" is "lora", not "lo_ra" (issue 20: metrics.json had a key "lo_ra").
/// </summary>
public sealed class SnakeCaseNamingPolicy : JsonNamingPolicy
{
    /// <summary>Mixed-case acronyms that must not be split at their inner capital.</summary>
    private static readonly (string Acronym, string Word)[] Acronyms = [("LoRA", "Lora")];

    /// <summary>The shared instance.</summary>
    public static SnakeCaseNamingPolicy Instance { get; } = new();

    /// <summary><paramref name="name"/> in snake_case, our acronyms kept as one word.</summary>
    public override string ConvertName(string name)
    {
        foreach (var (acronym, word) in Acronyms) name = name.Replace(acronym, word, StringComparison.Ordinal);
        return SnakeCaseLower.ConvertName(name);
    }
}
