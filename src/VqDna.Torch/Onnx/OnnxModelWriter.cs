using Google.Protobuf;
using VqDna.Torch.Onnx.Proto;
using VqDna.Torch.Serialization;

namespace VqDna.Torch.Onnx;

/// <summary>
/// Turns an <see cref="OnnxGraph"/> into a model (IR version, opset import, producer, metadata_props) and
/// writes it: to a temporary file beside the target, renamed into place once complete, so a failed export
/// never leaves a torn .onnx under the real name.
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>Protobuf messages cannot exceed 2 GiB; larger models would need ONNX's external data files.</summary>
    public const long MaxModelBytes = int.MaxValue;

    /// <summary>The model message for <paramref name="graph"/>, opset <see cref="OnnxOpset.Version"/>.</summary>
    public static ModelProto ToModel(OnnxGraph graph, OnnxModelInfo info)
    {
        info.Validate();
        var model = new ModelProto
        {
            IrVersion = OnnxOpset.IrVersion,
            ProducerName = info.ProducerName,
            ProducerVersion = info.ProducerVersion,
            ModelVersion = info.ModelVersion,
            Graph = graph.ToProto(),
        };
        if (info.DocString is not null) model.DocString = info.DocString;
        if (info.Domain is not null) model.Domain = info.Domain;
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxOpset.DefaultDomain, Version = OnnxOpset.Version });
        foreach (var (key, value) in info.Metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>Writes <paramref name="graph"/> as a model file at <paramref name="path"/> (atomically); returns the bytes written.</summary>
    public static long Save(OnnxGraph graph, OnnxModelInfo info, string path) => Save(ToModel(graph, info), path);

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (atomically); returns the bytes written.</summary>
    public static long Save(ModelProto model, string path)
    {
        long size = model.CalculateSize();
        if (size > MaxModelBytes || size < 0)
            throw new InvalidOperationException($"'{path}': the model needs {size:N0} bytes, over protobuf's 2 GiB limit for one message");
        using var stream = new AtomicFileStream(path);
        model.WriteTo(stream);
        stream.Commit();
        return size;
    }
}
