namespace VqDna.Fuzz;

/// <summary>
/// One reader under fuzzing: <see cref="Run"/> reads the input to the end, and <see cref="IsClearError"/>
/// says which exceptions are the reader's documented answer to bad input. Any other exception, a hang
/// or a native fault is a bug.
/// </summary>
internal sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run, Func<Exception, bool> IsClearError);
