namespace VqDna.Torch.Serialization;

/// <summary>The name, dtype and shape of one tensor a <see cref="SafetensorsWriter"/> will write.</summary>
public sealed record SafetensorsTensorSpec(string Name, ScalarType DType, long[] Shape)
{
    /// <summary>Bytes of data: the product of the shape times the element size.</summary>
    public long ByteLength => Shape.Aggregate(1L, (n, d) => checked(n * d)) * DType.ElementSize();
}
