using VqDna.Torch;

namespace VqDna.Torch.Tests.Tensors;

public sealed class SmokeTests
{
    [Fact]
    public void AddsTwoTensors()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3 });
        var b = torch.tensor(new float[] { 10, 20, 30 });
        Assert.Equal(new float[] { 11, 22, 33 }, (a + b).ToArray<float>());
    }

    [Fact]
    public void ShapeMismatchArrivesAsTorchExceptionWithLibtorchMessage()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.ones(2, 3);
        var b = torch.ones(4, 5);
        var e = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.Contains("cannot be multiplied", e.Message);
        Assert.Equal(new float[] { 3, 3 }, a.sum(1).ToArray<float>()); // the process goes on
    }
}
