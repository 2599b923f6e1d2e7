using VqDna.Quantization;
using VqDna.Torch;

namespace VqDna.Tests.Quantization;

public sealed class VectorQuantizerTests
{
    private static VectorQuantizer WithCodebook(float[,] codes, double deadThreshold = 0, bool kmeans = false)
    {
        int k = codes.GetLength(0), d = codes.GetLength(1);
        var vq = new VectorQuantizer(new VectorQuantizerConfig(k, d, Beta: 0.5, Decay: 0.9, DeadCodeThreshold: deadThreshold, KMeansInit: kmeans));
        using var scope = torch.NewDisposeScope();
        vq.embed.copy_(torch.tensor(codes.Cast<float>().ToArray(), [k, d]));
        vq.ema_sum.copy_(vq.embed);
        return vq;
    }

    [Fact]
    public void PicksTheNearestCodeByL2AndReturnsItForward()
    {
        using var scope = torch.NewDisposeScope();
        using var vq = WithCodebook(new float[,] { { 0, 0 }, { 10, 0 }, { 0, 10 } });
        vq.Eval();
        var z = torch.tensor(new float[] { 1, 1, 9, -1, -1, 8, 6, 0 }, [4, 2]);
        var output = vq.Forward(z);
        Assert.Equal(new long[] { 0, 1, 2, 1 }, output.Indices.ToArray<long>());
        Assert.Equal(new float[] { 0, 0, 10, 0, 0, 10, 10, 0 }, output.Quantized.ToArray<float>());
        // commitment = mean((z − e)²) = (1+1 + 1+1 + 1+4 + 16+0) / 8
        Assert.Equal(25.0 / 8, output.CommitmentLoss.item<double>(), 5);
    }

    [Fact]
    public void GradientPassesStraightThroughToTheInput()
    {
        using var scope = torch.NewDisposeScope();
        using var vq = WithCodebook(new float[,] { { 0, 0 }, { 10, 0 } });
        vq.Eval();
        var z = torch.tensor(new float[] { 1, 2, 8, 1 }, [2, 2], requires_grad: true);
        var weights = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        (vq.Forward(z).Quantized * weights).sum().backward();
        Assert.Equal(new float[] { 1, 2, 3, 4 }, z.grad!.ToArray<float>());
    }

    [Fact]
    public void EmaUpdateMovesCodesTowardsTheirVectors()
    {
        using var scope = torch.NewDisposeScope();
        using var vq = WithCodebook(new float[,] { { 0, 0 }, { 10, 0 } });
        var z = torch.tensor(new float[] { 2, 0, 4, 0, 12, 0 }, [3, 2]);     // two vectors to code 0, one to code 1
        vq.Forward(z);
        // N = 0.9·1 + 0.1·[2, 1] = [1.1, 1.0]; S = 0.9·e + 0.1·Σz = [[0.6, 0], [10.2, 0]]
        Assert.Equal(new[] { 1.1f, 1.0f }, vq.ema_count.ToArray<float>().Select(x => MathF.Round(x, 5)));
        Assert.Equal(new[] { 0.6f, 0f, 10.2f, 0f }, vq.ema_sum.ToArray<float>().Select(x => MathF.Round(x, 5)));
        // e = S / Laplace(N) with ε = 1e-5: N is barely changed, so e ≈ [0.6/1.1, 10.2/1.0]
        var e = vq.embed.ToArray<float>();
        Assert.Equal(0.6 / 1.1, e[0], 4);
        Assert.Equal(10.2, e[2], 3);
    }

    [Fact]
    public void DeadCodesRestartAtVectorsOfTheBatch()
    {
        using var scope = torch.NewDisposeScope();
        using var vq = WithCodebook(new float[,] { { 0, 0 }, { 100, 100 } }, deadThreshold: 0.95);
        var z = torch.tensor(new float[] { 1, 0, 2, 0, 3, 0 }, [3, 2]);      // nothing goes to code 1
        vq.Forward(z);                                                        // its count decays to 0.9 < 0.95
        var code1 = vq.embed[1].ToArray<float>();
        Assert.Contains(code1[0], new[] { 1f, 2f, 3f });
        Assert.Equal(0f, code1[1]);
    }

    [Fact]
    public void KMeansInitPlacesOneCodeOnEachCluster()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        using var vq = new VectorQuantizer(new VectorQuantizerConfig(4, 2, DeadCodeThreshold: 0, KMeansInit: true));
        var centers = torch.tensor(new float[] { 0, 0, 50, 0, 0, 50, 50, 50 }, [4, 2]);
        var z = centers.repeat(64, 1) + torch.randn(256, 2) * 0.1;
        vq.Forward(z);
        Assert.Equal(1f, vq.initialized.item<float>());
        var nearest = VectorQuantizer.SquaredDistances(centers, vq.embed).min(1).values;
        Assert.True(nearest.max().item<float>() < 1f, $"every cluster needs a code within 1 (squared), got {nearest.ToStringWithValues()}");
    }

    [Fact]
    public void UsageReportsPerplexityAndFraction()
    {
        using var scope = torch.NewDisposeScope();
        using var vq = WithCodebook(new float[,] { { 0, 0 }, { 10, 0 }, { 0, 10 }, { 10, 10 } });
        vq.Eval();
        var uniform = vq.Forward(torch.tensor(new float[] { 0, 0, 10, 0, 0, 10, 10, 10 }, [4, 2])).Usage;
        Assert.Equal(4.0, uniform.Perplexity, 3);
        Assert.Equal(1.0, uniform.FractionUsed, 5);
        var single = vq.Forward(torch.tensor(new float[] { 0, 0, 1, 1 }, [2, 2])).Usage;
        Assert.Equal(1.0, single.Perplexity, 3);
        Assert.Equal(0.25, single.FractionUsed, 5);
    }

    [Fact]
    public void RejectsInputOfTheWrongWidth()
    {
        using var scope = torch.NewDisposeScope();
        using var vq = WithCodebook(new float[,] { { 0, 0 }, { 1, 1 } });
        var e = Assert.Throws<ArgumentException>(() => vq.Forward(torch.zeros(3, 5)));
        Assert.Contains("(N, 2)", e.Message);
    }
}

public sealed class CodeProjectionTests
{
    [Fact]
    public void LowDimensionalLookupKeepsShapesAndLetsGradientsThrough()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var vq = new VectorQuantizer(new VectorQuantizerConfig(16, 12, LookupDim: 4, DeadCodeThreshold: 0));
        Assert.Equal(new long[] { 16, 4 }, vq.embed.shape);                   // codes live in 4 dimensions
        var z = torch.randn([32, 12], requires_grad: true);
        var output = vq.Forward(z);
        Assert.Equal(new long[] { 32, 12 }, output.Quantized.shape);
        Assert.Equal(new long[] { 32, 12 }, output.Codes.shape);
        (output.Quantized.sum() + output.CommitmentLoss).backward();
        Assert.True(z.grad!.norm().item<double>() > 0);
        Assert.Contains(vq.NamedParameters(), p => p.Key == "project_in.weight");
        var looked = vq.Lookup(output.Indices);
        Assert.True(looked.allclose(output.Codes, 1e-5, 1e-6), "Lookup must return the same vectors the forward pass chose");
    }
}
