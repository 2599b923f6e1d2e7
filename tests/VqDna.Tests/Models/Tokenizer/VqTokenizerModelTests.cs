using VqDna.Models.Tokenizer;
using VqDna.Torch;

namespace VqDna.Tests.Models.Tokenizer;

public sealed class VqTokenizerModelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ShapesAndCodebookSizesFollowTheConfig(int levels)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        var config = VqTokenizerConfig.Tiny(levels) with { Blocks = 3 };
        using var model = new VqTokenizerModel(config);
        var nucleotides = torch.randint(0, 5, [2, 40]);
        var output = model.Forward(nucleotides);
        Assert.Equal(new long[] { 2, 40, 5 }, output.Logits.shape);
        Assert.Equal(new long[] { 2, 40, config.CodeDim }, output.Codes.Embedding.shape);
        Assert.Equal(levels, output.Codes.Indices.Count);
        for (int level = 1; level <= levels; level++)
        {
            Assert.Equal(new long[] { 2, 40 }, output.Codes.Indices[level - 1].shape);
            Assert.Equal(config.CodebookSize << (level - 1), model.Quantizers[level - 1].embed.size(0));
            Assert.True(output.Codes.Indices[level - 1].max().item<long>() < config.CodebookSize << (level - 1));
        }
        Assert.True(double.IsFinite(output.Loss.item<double>()));
    }

    [Fact]
    public void HrqLevelsSitAtHalfAndFullDepth()
    {
        var config = VqTokenizerConfig.Paper();
        Assert.Equal(3, config.LevelBlock(1));
        Assert.Equal(6, config.LevelBlock(2));
        Assert.Equal(512, config.LevelCodebookSize(1));
        Assert.Equal(1024, config.LevelCodebookSize(2));
    }

    [Fact]
    public void GradientsReachTheEncoderThroughEveryLevel()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        using var model = new VqTokenizerModel(VqTokenizerConfig.Tiny(levels: 2));
        model.Forward(torch.randint(0, 5, [2, 32])).Loss.backward();
        foreach (var name in new[] { "stem.weight", "encoder.0.pwconv1.weight", "to_code.0.weight", "to_code.1.weight", "head.weight" })
        {
            var parameter = model.NamedParameters().Single(p => p.Key == name).Value;
            var norm = parameter.grad?.norm().item<double>() ?? 0;
            Assert.True(norm > 0, $"{name} received no gradient");
        }
        Assert.DoesNotContain(model.NamedParameters(), p => p.Key.Contains("quantizers")); // codebooks learn by EMA only
    }

    [Fact]
    public void AHiddenCodeChangesOnlyTheReconstructionWithinTheDecodersReach()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new VqTokenizerModel(VqTokenizerConfig.Tiny(levels: 2));
        model.Eval();                                                         // no EMA updates between the forwards compared
        using var noGrad = torch.no_grad();
        var nucleotides = torch.randint(0, 4, [2, 48]);
        var shown = new bool[2 * 48];
        var hidden = (bool[])shown.Clone();
        hidden[20] = true;                                                    // row 0, position 20

        var plain = model.Forward(nucleotides).Logits;
        var noneHidden = model.Forward(nucleotides, torch.tensor(shown, [2, 48])).Logits;
        var oneHidden = model.Forward(nucleotides, torch.tensor(hidden, [2, 48])).Logits;
        Assert.Equal(0, (plain - noneHidden).abs().max().item<float>());
        var change = (oneHidden - plain).abs().amax(2).flatten().ToArray<float>();  // (2·48) per position
        int reach = 2 * (model.Config.MixerKernel / 2);                        // two decoder blocks
        Assert.True(change[20] > 0, "the hidden position's reconstruction did not change");
        for (int j = 0; j < 2 * 48; j++)
            if (j >= 48 || Math.Abs(j - 20) > reach) Assert.True(change[j] == 0, $"position {j} changed by {change[j]}");

        var allHidden = torch.tensor(Enumerable.Repeat(true, 2 * 48).ToArray(), [2, 48]);
        var other = torch.randint(0, 4, [2, 48]);                             // with every code hidden the input cannot matter
        Assert.Equal(0, (model.Forward(nucleotides, allHidden).Logits - model.Forward(other, allHidden).Logits).abs().max().item<float>());
    }

    [Fact]
    public void InvalidConfigsAreRejectedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new VqTokenizerModel(VqTokenizerConfig.Tiny() with { Levels = 5 }));
        Assert.Contains("Levels", e.Message);
        Assert.Throws<ArgumentException>(() => VqTokenizerConfig.Preset("huge", "vq"));
        Assert.Throws<ArgumentException>(() => VqTokenizerConfig.Preset("tiny", "rq"));
    }
}
