namespace VqDna.IO;

/// <summary>
/// An output path that would destroy something the command reads, or that is not the kind of path expected
/// (issue 19). The message names the output, what it collides with and how to proceed; the command line shows it
/// as an option error.
/// </summary>
public sealed class UnsafeOutputException(string message) : IOException(message);
