namespace VqDna.Torch.Onnx;

/// <summary>
/// What a model file says about itself besides its graph: who wrote it, a description, and free-form
/// metadata (ONNX's metadata_props, read by every runtime: ONNX Runtime's ModelMetadata.CustomMetadataMap,
/// onnx.load(...).metadata_props in Python).
/// </summary>
/// <param name="ProducerName">The tool that wrote the file.</param>
/// <param name="ProducerVersion">Its version.</param>
/// <param name="Metadata">Key-value pairs; keys must be distinct.</param>
/// <param name="DocString">A human-readable description of the model (Markdown allowed).</param>
/// <param name="Domain">Reverse-domain name space of the model, or null.</param>
/// <param name="ModelVersion">The version of this model (not of the format).</param>
public sealed record OnnxModelInfo(
    string ProducerName,
    string ProducerVersion,
    IReadOnlyList<KeyValuePair<string, string>> Metadata,
    string? DocString = null,
    string? Domain = null,
    long ModelVersion = 1)
{
    /// <summary>Throws when a metadata key is empty or repeated, naming it.</summary>
    public OnnxModelInfo Validate()
    {
        if (string.IsNullOrWhiteSpace(ProducerName)) throw new ArgumentException("ProducerName must be set", nameof(ProducerName));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in Metadata)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("a metadata key is empty", nameof(Metadata));
            if (!seen.Add(key)) throw new ArgumentException($"metadata key '{key}' appears twice", nameof(Metadata));
        }
        return this;
    }
}
