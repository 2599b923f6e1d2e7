namespace VqDna.Cli.Settings;

/// <summary>The values of one verb's options, bound from the command line and checked before any work starts.</summary>
internal interface IVerbSettings
{
    /// <summary>Throws a <see cref="UsageException"/> naming the first option whose value cannot work.</summary>
    void Validate();
}
