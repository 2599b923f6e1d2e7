namespace VqDna.Torch.Onnx;

/// <summary>
/// One dimension of a graph input's or output's shape: a fixed size, or a symbolic name ("batch", "length")
/// for a size known only at run time. Dimensions sharing a name must be equal in a given run.
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? size, string? name) => (Size, Name) = (size, name);

    /// <summary>The fixed size, or null for a dynamic dimension.</summary>
    public long? Size { get; }

    /// <summary>The symbolic name of a dynamic dimension, or null for a fixed one.</summary>
    public string? Name { get; }

    /// <summary>A dimension of fixed <paramref name="size"/> (0 or more).</summary>
    public static OnnxDim Fixed(long size) =>
        size >= 0 ? new(size, null) : throw new ArgumentOutOfRangeException(nameof(size), size, "a fixed dimension must be 0 or more");

    /// <summary>A dimension known at run time, named <paramref name="name"/>.</summary>
    public static OnnxDim Dynamic(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("a dynamic dimension needs a name", nameof(name)) : new(null, name);

    /// <summary>A fixed dimension.</summary>
    public static implicit operator OnnxDim(long size) => Fixed(size);

    /// <summary>A dynamic dimension of that name.</summary>
    public static implicit operator OnnxDim(string name) => Dynamic(name);

    /// <summary>The name of a dynamic dimension, or the size of a fixed one.</summary>
    public override string ToString() => Name ?? Size!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
