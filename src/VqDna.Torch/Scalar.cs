using System.Runtime.InteropServices;

namespace VqDna.Torch;

/// <summary>
/// A number crossing into libtorch, tagged by kind so that <c>int_tensor + 2</c> stays int64
/// (a double would promote the result to float, exactly as in PyTorch).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Scalar
{
    private readonly double real;
    private readonly long integer;
    private readonly int kind; // 0 double, 1 int64, 2 bool
    private readonly int padding;

    private Scalar(double real, long integer, int kind)
    {
        this.real = real;
        this.integer = integer;
        this.kind = kind;
        padding = 0;
    }

    /// <summary>A floating-point scalar.</summary>
    public static implicit operator Scalar(double value) => new(value, 0, 0);
    /// <summary>A floating-point scalar.</summary>
    public static implicit operator Scalar(float value) => new(value, 0, 0);
    /// <summary>An integer scalar: keeps integer tensors integer.</summary>
    public static implicit operator Scalar(long value) => new(0, value, 1);
    /// <summary>An integer scalar: keeps integer tensors integer.</summary>
    public static implicit operator Scalar(int value) => new(0, value, 1);
    /// <summary>A boolean scalar.</summary>
    public static implicit operator Scalar(bool value) => new(0, value ? 1 : 0, 2);

    /// <summary>The value, printed as its kind: integer, boolean or round-trip double.</summary>
    public override string ToString() => kind switch { 1 => integer.ToString(), 2 => (integer != 0).ToString(), _ => real.ToString("R") };
}
