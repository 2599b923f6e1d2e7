namespace VqDna.Torch;

/// <summary>An error raised inside libtorch (a shape mismatch, a bad index...), carrying its message.</summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message) { }
}
