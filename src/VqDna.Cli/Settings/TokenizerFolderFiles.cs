using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;

namespace VqDna.Cli.Settings;

/// <summary>The files of a tokenizer folder, as inputs an output must not overwrite.</summary>
internal static class TokenizerFolderFiles
{
    public static (string Option, string? Path)[] Of(string folder) =>
        [.. new[] { VqTokenizerFolder.ConfigFile, VqTokenizerFolder.WeightsFile, VqTokenizerFolder.TokenizerFile }
            .Select(name => ("--tokenizer", (string?)Path.Combine(folder, name)))];
}
