using System.Text.Json;
using System.Text.Json.Serialization;

namespace VqDna.IO;

/// <summary>The JSON conventions of our files: snake_case keys (as Hugging Face configs), indented, strict on read.</summary>
public static class JsonFiles
{
    /// <summary>The options of every JSON file we write: snake_case names, indented.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = SnakeCaseNamingPolicy.Instance,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        // Enums as their names ("tiny", "hrq"), so files stay readable and survive reordered members.
        Converters = { new JsonStringEnumConverter(SnakeCaseNamingPolicy.Instance) },
    };

    /// <summary>Writes <paramref name="value"/> as JSON to <paramref name="path"/>, atomically, with a final newline.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");

    /// <summary>Reads a JSON file, turning any problem into an error that names the file.</summary>
    public static T Read<T>(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' not found", path);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"'{path}' holds null, not a {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
