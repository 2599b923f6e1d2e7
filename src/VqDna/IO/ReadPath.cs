namespace VqDna.IO;

/// <summary>A file or folder a command reads, named as the user gave it (e.g. the option "--model").</summary>
/// <param name="Label">How the user named it: an option or argument.</param>
/// <param name="Path">The path, or null when the option was not given; "-" (standard input) is never a file.</param>
/// <param name="Derived">
/// For a folder: the one file name directly inside it that the command may write, because it is made from the folder
/// and never read by it (a model folder's own ONNX export, which its engines look for); null: nothing inside.
/// </param>
public readonly record struct ReadPath(string Label, string? Path, string? Derived = null);
