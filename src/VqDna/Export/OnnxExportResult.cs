namespace VqDna.Export;

/// <summary>What `vqdna export --onnx` (<c>ModelFolders.OnnxExporter.Export</c>) wrote.</summary>
/// <param name="Kind">The kind of folder exported.</param>
/// <param name="Path">The ONNX file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Inputs">The graph's input names.</param>
/// <param name="Outputs">The graph's output names.</param>
public sealed record OnnxExportResult(OnnxExportKind Kind, string Path, long Bytes, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
