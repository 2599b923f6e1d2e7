namespace VqDna.Torch;

/// <summary>An error raised inside libtorch (a shape mismatch, a bad index...), carrying its message.</summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception with libtorch's <paramref name="message"/>.</summary>
    public TorchException(string message) : base(message) { }
}
