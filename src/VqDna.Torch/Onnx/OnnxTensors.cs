using Google.Protobuf;
using VqDna.Torch.Onnx.Proto;

namespace VqDna.Torch.Onnx;

/// <summary>Our tensors as ONNX TensorProtos, and our element types as ONNX's.</summary>
public static class OnnxTensors
{
    /// <summary>ONNX's TensorProto.DataType number of <paramref name="type"/> (what Cast's "to" takes).</summary>
    public static int ElementType(ScalarType type) => (int)(type switch
    {
        ScalarType.Float32 => TensorProto.Types.DataType.Float,
        ScalarType.Float64 => TensorProto.Types.DataType.Double,
        ScalarType.Float16 => TensorProto.Types.DataType.Float16,
        ScalarType.BFloat16 => TensorProto.Types.DataType.Bfloat16,
        ScalarType.Int64 => TensorProto.Types.DataType.Int64,
        ScalarType.Int32 => TensorProto.Types.DataType.Int32,
        ScalarType.Int16 => TensorProto.Types.DataType.Int16,
        ScalarType.Int8 => TensorProto.Types.DataType.Int8,
        ScalarType.UInt8 => TensorProto.Types.DataType.Uint8,
        ScalarType.Bool => TensorProto.Types.DataType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no ONNX element type for this dtype"),
    });

    /// <summary>
    /// A copy of <paramref name="tensor"/>'s values as a TensorProto named <paramref name="name"/>: its dims and
    /// its bytes as raw_data (row-major, little-endian, the layout ONNX specifies for raw_data; bool as one byte).
    /// </summary>
    public static TensorProto ToProto(string name, Tensor tensor)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this machine is not");
        var proto = new TensorProto { Name = name, DataType = ElementType(tensor.dtype), RawData = ByteString.CopyFrom(tensor.ToBytes()) };
        proto.Dims.AddRange(tensor.shape);
        return proto;
    }

    /// <summary>A TensorProto of int64 <paramref name="values"/> with <paramref name="dims"/> (null: one dimension).</summary>
    public static TensorProto ToProto(string name, long[] values, long[]? dims = null) =>
        Raw(name, TensorProto.Types.DataType.Int64, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), dims ?? [values.Length], values.Length);

    /// <summary>A TensorProto of float32 <paramref name="values"/> with <paramref name="dims"/> (null: one dimension).</summary>
    public static TensorProto ToProto(string name, float[] values, long[]? dims = null) =>
        Raw(name, TensorProto.Types.DataType.Float, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), dims ?? [values.Length], values.Length);

    private static TensorProto Raw(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes, long[] dims, long count)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this machine is not");
        long expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count) throw new ArgumentException($"tensor '{name}': {count} values do not fill dims [{string.Join(", ", dims)}]");
        var proto = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        proto.Dims.AddRange(dims);
        return proto;
    }
}
