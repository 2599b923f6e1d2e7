namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna info`.</summary>
/// <param name="SgemmSize">Matrix size of the sgemm measurement (--sgemm-size).</param>
internal sealed record InfoSettings(int SgemmSize) : IVerbSettings
{
    public void Validate() => Check.Positive("--sgemm-size", SgemmSize);
}
