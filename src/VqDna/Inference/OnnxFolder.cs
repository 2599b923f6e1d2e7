using VqDna.Torch.Serialization;

namespace VqDna.Inference;

/// <summary>Where a model folder keeps its export, and whether that export still matches the weights.</summary>
public static class OnnxFolder
{
    /// <summary>The exported graph's file name in a model folder (what `vqdna export --onnx DIR -o DIR/model.onnx` writes).</summary>
    public const string OnnxFile = "model.onnx";

    /// <summary>
    /// The folder's model.onnx when it is not older than any of the weights it was exported from, else null: a
    /// folder trained again after its export runs the new weights, exported in memory. The weights are the
    /// folder's *.safetensors and, for a LoRA adapter folder, those of the pre-trained folder it adapts (the
    /// export folds the adapter into the base weights, so a base pre-trained again makes it stale too).
    /// </summary>
    public static string? UpToDateExport(string folder)
    {
        var onnx = Path.Combine(folder, OnnxFile);
        if (!File.Exists(onnx)) return null;
        var exported = File.GetLastWriteTimeUtc(onnx);
        var weights = Directory.EnumerateFiles(folder, "*.safetensors");
        if (File.Exists(Path.Combine(folder, PeftAdapter.ConfigFile)))
        {
            var baseFolder = PeftAdapter.BaseFolder(folder);
            if (!Directory.Exists(baseFolder)) return null;                  // loading the model names the missing base
            weights = weights.Concat(Directory.EnumerateFiles(baseFolder, "*.safetensors"));
        }
        return weights.All(w => File.GetLastWriteTimeUtc(w) <= exported) ? onnx : null;
    }
}
