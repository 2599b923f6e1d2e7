namespace VqDna.Inference;

/// <summary>Where a model folder keeps its export, and whether that export still matches the weights.</summary>
internal static class OnnxFolder
{
    /// <summary>The exported graph's file name in a model folder (what `vqdna export --onnx DIR -o DIR/model.onnx` writes).</summary>
    public const string OnnxFile = "model.onnx";

    /// <summary>
    /// The folder's model.onnx when it is not older than any of the folder's weights (*.safetensors), else null: a
    /// folder trained again after its export runs the new weights, exported in memory.
    /// </summary>
    public static string? UpToDateExport(string folder)
    {
        var onnx = Path.Combine(folder, OnnxFile);
        if (!File.Exists(onnx)) return null;
        var exported = File.GetLastWriteTimeUtc(onnx);
        return Directory.EnumerateFiles(folder, "*.safetensors").All(w => File.GetLastWriteTimeUtc(w) <= exported) ? onnx : null;
    }
}
