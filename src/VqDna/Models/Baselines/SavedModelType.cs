using System.Text.Json;

namespace VqDna.Models.Baselines;

/// <summary>The <c>model_type</c> a model folder's config.json declares (as Hugging Face configs do), read without loading the model.</summary>
public static class SavedModelType
{
    /// <summary>The declared type, or null when the folder has no readable config.json or it declares none.</summary>
    public static string? Of(string directory)
    {
        var path = Path.Combine(directory, "config.json");
        if (!File.Exists(path)) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("model_type", out var type)
                && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or IOException) { return null; }
    }
}
