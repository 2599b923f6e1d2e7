namespace VqDna.IO;

/// <summary>A file or folder a command reads, named as the user gave it (e.g. the option "--model").</summary>
/// <param name="Label">How the user named it: an option or argument.</param>
/// <param name="Path">The path, or null when the option was not given; "-" (standard input) is never a file.</param>
public readonly record struct ReadPath(string Label, string? Path);
