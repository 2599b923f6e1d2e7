namespace VqDna.Torch.Serialization;

/// <summary>One tensor's entry in a safetensors header: what it is and where its bytes lie.</summary>
/// <param name="Name">The tensor's key in the file.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dimensions, row-major; empty for a 0-dim tensor.</param>
/// <param name="Begin">First byte, relative to the start of the data buffer (right after the header).</param>
/// <param name="End">One past the last byte, relative to the start of the data buffer.</param>
public sealed record SafetensorsTensorInfo(string Name, ScalarType DType, long[] Shape, long Begin, long End)
{
    /// <summary>Number of bytes the tensor occupies (End - Begin).</summary>
    public long ByteLength => End - Begin;
}
