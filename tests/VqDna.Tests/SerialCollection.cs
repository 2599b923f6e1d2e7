namespace VqDna.Tests;

/// <summary>
/// Tests that compare two runs bit for bit. libtorch's global generator is shared by every thread, and
/// xunit runs test classes in parallel: another class seeding or drawing mid-run would change the stream.
/// This collection runs alone.
/// </summary>
[CollectionDefinition("serial", DisableParallelization = true)]
public sealed class SerialCollection;
