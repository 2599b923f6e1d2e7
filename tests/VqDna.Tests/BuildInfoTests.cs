namespace VqDna.Tests;

public sealed class BuildInfoTests
{
    [Fact]
    public void VersionIsSemantic() => Assert.Matches(@"^\d+\.\d+\.\d+$", BuildInfo.Version);
}
