using System.Security.Cryptography;
using VqDna.Models.Encoder;

namespace VqDna.ModelFolders;

/// <summary>
/// The content hash of the pre-trained model a LoRA adapter was trained on, kept beside the adapter (issue 19: a
/// base swapped for another model of the same shape gave other probabilities without a word). The file is ours,
/// not peft's: adapter_config.json stays as peft reads it.
/// </summary>
public static class AdapterBase
{
    /// <summary>The file in the adapter folder: the SHA-256 of the base folder's model.safetensors, in hex.</summary>
    public const string HashFile = "base_model.sha256";

    /// <summary>SHA-256 of <paramref name="baseFolder"/>'s weights, lower-case hex.</summary>
    public static string Hash(string baseFolder)
    {
        using var stream = File.OpenRead(Path.Combine(baseFolder, EncoderFolder.WeightsFile));
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Writes <see cref="HashFile"/> into <paramref name="adapterFolder"/>.</summary>
    public static void Record(string adapterFolder, string baseFolder) =>
        VqDna.IO.AtomicFile.WriteAllText(Path.Combine(adapterFolder, HashFile), Hash(baseFolder) + "\n");

    /// <summary>
    /// Refuses a base whose weights differ from those the adapter was trained on, or, when <paramref name="force"/>,
    /// returns the warning instead. Null when they match, or when the adapter predates the hash (nothing to compare).
    /// </summary>
    /// <exception cref="InvalidDataException">The hashes differ and <paramref name="force"/> is false.</exception>
    public static string? Verify(string adapterFolder, string baseFolder, bool force)
    {
        var path = Path.Combine(adapterFolder, HashFile);
        if (!File.Exists(path)) return null;
        var expected = File.ReadAllText(path).Trim();
        var actual = Hash(baseFolder);
        if (string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase)) return null;
        var message = $"'{Path.Combine(baseFolder, EncoderFolder.WeightsFile)}' is not the base model the adapter in '{adapterFolder}' was trained on " +
            $"(SHA-256 {actual[..12]}…, recorded {expected[..Math.Min(12, expected.Length)]}… in {HashFile})";
        if (!force) throw new InvalidDataException(message + "; pass --force to use it anyway");
        return message;
    }
}
