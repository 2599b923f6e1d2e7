using VqDna.Quantization;
using VqDna.Torch;

namespace VqDna.Tests.Quantization;

public sealed class HierarchicalResidualTests
{
    [Fact]
    public void FirstLevelInputIsTheFeatureItself()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.tensor(new float[] { 1, -2, 3 });
        Assert.Equal(new float[] { 1, -2, 3 }, HierarchicalResidual.LevelInput(z, null).ToArray<float>());
    }

    [Fact]
    public void DeeperLevelInputIsTwiceTheFeatureMinusThePreviousCode()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.tensor(new float[] { 1, -2, 3 });
        var previousCode = torch.tensor(new float[] { 0.5f, 1, -1 });
        // H(2) = 2·Z(2) − e(M(1)) = [2 − 0.5, −4 − 1, 6 + 1]
        Assert.Equal(new float[] { 1.5f, -5, 7 }, HierarchicalResidual.LevelInput(z, previousCode).ToArray<float>());
    }

    [Fact]
    public void EmbeddingIsTheMeanOfTheLevels()
    {
        using var scope = torch.NewDisposeScope();
        var level1 = torch.tensor(new float[] { 1, 2 });
        var level2 = torch.tensor(new float[] { 3, 6 });
        Assert.Equal(new float[] { 2, 4 }, HierarchicalResidual.Embedding([level1, level2]).ToArray<float>());
    }
}
