using VqDna.Models.Baselines;

namespace VqDna.Tests.Models.Baselines;

public sealed class BaselineKindsTests
{
    [Fact]
    public void EveryFormTheHelpTextsNameParses()
    {
        Assert.Equal([BaselineKind.KmerLr], BaselineKinds.ParseList("kmer-lr"));
        Assert.Equal([BaselineKind.Cnn], BaselineKinds.ParseList(" CNN "));
        Assert.Equal([BaselineKind.KmerLr, BaselineKind.Cnn], BaselineKinds.ParseList(BaselineKinds.BothNames));
        Assert.Equal([BaselineKind.Cnn, BaselineKind.KmerLr], BaselineKinds.ParseList("cnn, kmer-lr"));
        Assert.Empty(BaselineKinds.ParseList("none"));
    }

    [Fact]
    public void AWordForBothIsRefusedWithTheListThatMeansIt()
    {
        var error = Assert.Throws<ArgumentException>(() => BaselineKinds.ParseList("both"));
        Assert.Equal("unknown baseline 'both'; expected one of kmer-lr, cnn, or several separated by commas (kmer-lr,cnn)", error.Message);
        Assert.Equal("baseline 'cnn' is listed twice", Assert.Throws<ArgumentException>(() => BaselineKinds.ParseList("cnn,cnn")).Message);
    }
}
