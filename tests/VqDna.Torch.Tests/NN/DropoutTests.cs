using VqDna.Torch.NN;

namespace VqDna.Torch.Tests.NN;

/// <summary>F.dropout's own mask (native/src/random.cpp): its rate, its scale, its seed, and its dtype under bf16.</summary>
public sealed class DropoutTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float64)]
    public void KeepsOneMinusPOfTheElementsScaledByItsInverseInTheInputsDtype(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var x = torch.ones(64, 1000).to(dtype);
        var y = F.dropout(x, 0.1);
        Assert.Equal(dtype, y.dtype);
        var kept = y.ne(0).to(ScalarType.Float64).mean().item<double>();
        Assert.InRange(kept, 0.895, 0.905);                     // 64,000 draws: the std of the rate is 0.0012
        var scale = 1 / 0.9;
        var expected = torch.tensor(new[] { scale }).to(dtype).to(ScalarType.Float64).item<double>(); // the scale in the dtype
        var offScale = (y.to(ScalarType.Float64) - expected).abs().masked_fill(y.eq(0), 0);
        Assert.Equal(0.0, offScale.max().item<double>());
    }

    [Fact]
    public void OneSeedGivesTheSameZerosInEveryFloatingDtypeAndAtEveryThreadCount()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(100_001);                             // odd: the last element's half of a 64-bit draw
        int threads = torch.get_num_threads();
        try
        {
            torch.manual_seed(7);
            var float32 = F.dropout(x, 0.3).eq(0);
            torch.manual_seed(7);
            var bfloat16 = F.dropout(x.to(ScalarType.BFloat16), 0.3).eq(0);
            torch.set_num_threads(1);
            torch.manual_seed(7);
            var oneThread = F.dropout(x, 0.3).eq(0);
            torch.manual_seed(8);
            var otherSeed = F.dropout(x, 0.3).eq(0);
            Assert.True(float32.equal(bfloat16));
            Assert.True(float32.equal(oneThread));
            Assert.False(float32.equal(otherSeed));
        }
        finally { torch.set_num_threads(threads); }
    }

    [Fact]
    public void TheGradientIsTheSameMask()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        var x = torch.randn(32, 50).to(ScalarType.BFloat16).requires_grad_();
        var y = F.dropout(x, 0.25);
        y.sum().backward();
        var grad = x.grad!;
        Assert.Equal(ScalarType.BFloat16, grad.dtype);
        Assert.True(grad.eq(0).equal(y.eq(0)) || x.eq(0).any().item<bool>());
        using (torch.no_grad()) Assert.True((x * grad).equal(y));   // y = x · mask, elementwise in bf16, and grad = mask
    }

    [Fact]
    public void EvaluationPassesThroughAndBadRatesAndDtypesAreRefused()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(10, 10);
        Assert.True(F.dropout(x, 0.5, training: false).equal(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.dropout(x, 1.5));
        Assert.Throws<ArgumentException>(() => F.dropout_mask([4], 0.5, dtype: ScalarType.Int64));
    }
}
