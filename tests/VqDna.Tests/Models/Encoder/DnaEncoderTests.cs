using VqDna.Models.Encoder;
using VqDna.Tokenizers;
using VqDna.Torch;

namespace VqDna.Tests.Models.Encoder;

public sealed class DnaEncoderTests
{
    [Fact]
    public void MaskedModelingOverIdsHasOneHeadOverTheVocabulary()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var model = new DnaForMaskedModeling(TinyEncoder.Ids());
        var ids = torch.randint(5, 12, [2, 7]);
        var labels = torch.full([2, 7], DnaForMaskedModeling.IgnoreIndex, ScalarType.Int64);
        labels[0][3].fill_(6);
        labels[1][0].fill_(9);
        using var output = model.Forward(EncoderInput.FromIds(ids), [labels]);
        Assert.Single(output.Logits);
        Assert.Equal(new long[] { 2, 7, 12 }, output.Logits[0].shape);
        Assert.Equal(new long[] { 2, 7, 32 }, output.HiddenStates.shape);
        Assert.Empty(output.Loss!.shape);
        // ln(12) ≈ 2.48 for an untrained model: the loss is the cross-entropy at the two labelled positions only.
        Assert.InRange(output.Loss.item<float>(), 1.5, 3.5);
    }

    [Fact]
    public void MaskedCodeModelingHasOneHeadPerLevelAndSumsTheirLosses()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        using var model = new DnaForMaskedModeling(TinyEncoder.Vectors());
        model.Eval();
        var vectors = torch.randn(2, 9, 8);
        var mask = torch.ones([2, 9], ScalarType.Bool);
        var masked = torch.rand(2, 9) < 0.25;
        masked[0][0].fill_(true);
        masked[1][4].fill_(true);
        using var notMasked = masked.logical_not();
        var level1 = torch.randint(0, 16, [2, 9]).masked_fill(notMasked, -100);
        var level2 = torch.randint(0, 32, [2, 9]).masked_fill(notMasked, -100);
        using var output = model.Forward(EncoderInput.FromVectors(vectors, mask, masked), [level1, level2]);
        Assert.Equal(2, output.Logits.Count);
        Assert.Equal(new long[] { 2, 9, 16 }, output.Logits[0].shape);
        Assert.Equal(new long[] { 2, 9, 32 }, output.Logits[1].shape);

        using var ce1 = VqDna.Torch.NN.F.cross_entropy(output.Logits[0].view(-1, 16), level1.view(-1));
        using var ce2 = VqDna.Torch.NN.F.cross_entropy(output.Logits[1].view(-1, 32), level2.view(-1));
        Assert.Equal(ce1.item<float>() + ce2.item<float>(), output.Loss!.item<float>(), 1e-5);

        // The heads run at labelled positions only: the same loss, logits (N_i, V_i) equal to the full ones there.
        using var predicted = model.PredictMasked(EncoderInput.FromVectors(vectors, mask, masked), [level1, level2]);
        Assert.Equal(output.Loss.item<float>(), predicted.Loss.item<float>(), 1e-5);
        long n = masked.sum().item<long>();
        Assert.Equal(new long[] { n, 16 }, predicted.Logits[0].shape);
        Assert.Equal(new long[] { n, 32 }, predicted.Logits[1].shape);
        using var full = output.Logits[1].view(-1, 32).index_select(0, masked.view(-1).nonzero().view(-1));
        Assert.True(full.allclose(predicted.Logits[1], rtol: 0, atol: 1e-5));
        Assert.True(predicted.Labels[0].equal(level1.view(-1).masked_select(masked.view(-1))));
    }

    [Fact]
    public void SequenceClassificationPoolsAndClassifies()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        foreach (var probe in new[] { false, true })
        {
            using var model = new DnaForSequenceClassification(TinyEncoder.Ids(), new ClassifierConfig(3, probe));
            var ids = torch.randint(5, 12, [4, 10]);
            var labels = torch.tensor(new long[] { 0, 2, 1, 2 });
            using var output = model.Forward(EncoderInput.FromIds(ids), labels);
            Assert.Equal(new long[] { 4, 3 }, output.Logits.shape);
            Assert.Equal(new long[] { 4, 32 }, output.Pooled.shape);
            Assert.True(double.IsFinite(output.Loss!.item<float>()));
            Assert.Equal(probe ? ["classifier.weight", "classifier.bias"] : new[] { "classifier.dense.weight", "classifier.dense.bias", "classifier.out_proj.weight", "classifier.out_proj.bias" },
                model.StateDict().Keys.Where(k => k.StartsWith("classifier.")).ToArray());
        }
    }

    [Fact]
    public void PaddingDoesNotChangeTheOtherPositions()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        foreach (var config in new[] { TinyEncoder.Ids(), TinyEncoder.Vectors() })
        {
            using var model = new DnaEncoder(config);
            model.Eval();
            // Row 0 has 9 real tokens, row 1 has 5 then 4 padding positions.
            var mask = torch.tensor(new[] { true, true, true, true, true, true, true, true, true, true, true, true, true, true, false, false, false, false }, [2, 9]);
            EncoderInput batch, alone;
            if (config.IdInput)
            {
                var ids = torch.randint(5, 12, [2, 9]);
                using var padded = mask.logical_not();
                ids = ids.masked_fill(padded, config.PadId);
                batch = EncoderInput.FromIds(ids);
                alone = EncoderInput.FromIds(ids[1].narrow(0, 0, 5).unsqueeze(0));
            }
            else
            {
                var vectors = torch.randn(2, 9, 8);
                batch = EncoderInput.FromVectors(vectors, mask);
                alone = EncoderInput.FromVectors(vectors[1].narrow(0, 0, 5).unsqueeze(0), torch.ones([1, 5], ScalarType.Bool));
            }
            using var together = model.Forward(batch);
            using var single = model.Forward(alone);
            using var rowTogether = together.HiddenStates[1].narrow(0, 0, 5);
            Assert.True(rowTogether.allclose(single.HiddenStates[0], rtol: 0, atol: 1e-5), $"{(config.IdInput ? "ids" : "vectors")}: padding changed the hidden states of real tokens");
            Assert.True(together.Pooled[1].allclose(single.Pooled[0], rtol: 0, atol: 1e-5), "padding changed the pooled mean");
        }
    }

    [Fact]
    public void AlibiRunsPastTheTrainingLength()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        var config = TinyEncoder.Config(EncoderInputSpec.Ids(12), maxLength: 16);
        using var model = new DnaForMaskedModeling(config);
        model.Eval();
        using var output = model.Forward(EncoderInput.FromIds(torch.randint(5, 12, [1, 40])));
        Assert.Equal(new long[] { 1, 40, 12 }, output.Logits[0].shape);
        Assert.True(output.Logits[0].isfinite().all().item<bool>());
    }

    [Fact]
    public void AlibiSlopesArePressEtAls()
    {
        Assert.Equal(Enumerable.Range(1, 8).Select(h => Math.Pow(2, -h)), Alibi.Slopes(8));
        Assert.Equal(new[] { 0.25, 0.0625, 0.015625, 0.00390625 }, Alibi.Slopes(4));
        // 12 heads (BERT-base): the 8-head slopes, then the odd ones of 16 heads: 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5.
        var twelve = Alibi.Slopes(12);
        Assert.Equal(Enumerable.Range(1, 8).Select(h => Math.Pow(2, -h)), twelve.Take(8));
        Assert.Equal(new[] { -0.5, -1.5, -2.5, -3.5 }.Select(e => Math.Pow(2, e)), twelve.Skip(8), new ToleranceComparer(1e-15));

        using var bias = Alibi.Bias(4, 3, 3);
        Assert.Equal(new long[] { 4, 3, 3 }, bias.shape);
        Assert.Equal(new float[] { 0, -0.25f, -0.5f, -0.25f, 0, -0.25f, -0.5f, -0.25f, 0 }, bias[0].reshape(-1).ToArray<float>());
    }

    [Fact]
    public void MaskedPositionsReadTheMaskVectorNotTheirInput()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(6);
        using var model = new DnaEncoder(TinyEncoder.Vectors());
        model.Eval();
        var vectors = torch.randn(1, 6, 8);
        var mask = torch.ones([1, 6], ScalarType.Bool);
        var masked = torch.tensor(new[] { false, false, true, false, false, false }, [1, 6]);
        var changed = vectors.clone();
        changed[0][2].fill_(7.0);
        using var a = model.Forward(EncoderInput.FromVectors(vectors, mask, masked));
        using var b = model.Forward(EncoderInput.FromVectors(changed, mask, masked));
        Assert.True(a.HiddenStates.allclose(b.HiddenStates, rtol: 0, atol: 1e-6));
        using var c = model.Forward(EncoderInput.FromVectors(changed, mask));
        Assert.False(a.HiddenStates.allclose(c.HiddenStates, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void IdMaskingReadsTheMaskToken()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        var config = TinyEncoder.Ids();
        Assert.Equal(SpecialTokens.Default.Pad, config.PadId);
        Assert.Equal(SpecialTokens.Default.Mask, config.MaskId);
        using var model = new DnaEncoder(config);
        model.Eval();
        var ids = torch.randint(5, 12, [1, 6]);
        var masked = torch.tensor(new[] { false, true, false, false, false, false }, [1, 6]);
        var written = ids.clone();
        written[0][1].fill_(SpecialTokens.Default.Mask);
        using var a = model.Forward(EncoderInput.FromIds(ids, maskedPositions: masked));
        using var b = model.Forward(EncoderInput.FromIds(written));
        Assert.True(a.HiddenStates.allclose(b.HiddenStates, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void PresetsHaveTheirSizes()
    {
        var ids = EncoderInputSpec.Ids(4096);
        var tiny = EncoderConfig.Tiny(ids);
        Assert.Equal((128, 4, 4, 512), (tiny.Width, tiny.Layers, tiny.Heads, tiny.FeedForward));
        var small = EncoderConfig.Small(ids);
        Assert.Equal((256, 6, 8, 1024), (small.Width, small.Layers, small.Heads, small.FeedForward));
        var bert = EncoderConfig.Base(EncoderInputSpec.Vectors(384, 512, 1024));
        Assert.Equal((768, 12, 12, 3072), (bert.Width, bert.Layers, bert.Heads, bert.FeedForward));
        using var scope = torch.NewDisposeScope();
        using var encoder = new DnaEncoder(bert);
        long blocks = encoder.layers.ParameterCount();
        Assert.InRange(blocks, 84_000_000, 86_000_000); // BERT-base's 12 blocks: 85.0M (its "86M" with embeddings)
    }

    [Fact]
    public void InvalidConfigsNameTheField()
    {
        var ok = TinyEncoder.Ids();
        Assert.Equal("Heads", Assert.Throws<ArgumentOutOfRangeException>(() => (ok with { Heads = 5 }).Validate()).ParamName);
        Assert.Equal("Width", Assert.Throws<ArgumentOutOfRangeException>(() => (ok with { Width = 0 }).Validate()).ParamName);
        Assert.Equal("Dropout", Assert.Throws<ArgumentOutOfRangeException>(() => (ok with { Dropout = 1.5 }).Validate()).ParamName);
        var both = Assert.Throws<ArgumentOutOfRangeException>(() => (ok with { InputDim = 8 }).Validate());
        Assert.Contains("InputDim = 8", both.Message);
        Assert.Equal("OutputVocab", Assert.Throws<ArgumentOutOfRangeException>(() => (ok with { OutputVocab = [] }).Validate()).ParamName);
        Assert.Equal("MaskId", Assert.Throws<ArgumentOutOfRangeException>(() => (ok with { MaskId = 12 }).Validate()).ParamName);
        Assert.Equal(4 * 32, (ok with { FeedForward = 0 }).Validate().FeedForward);
    }

    [Fact]
    public void WrongInputKindIsAnError()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new DnaEncoder(TinyEncoder.Vectors());
        var e = Assert.Throws<ArgumentException>(() => model.Forward(EncoderInput.FromIds(torch.randint(5, 12, [1, 4]))));
        Assert.Contains("InputVectors is null", e.Message);
        var wrongDim = Assert.Throws<ArgumentException>(() => model.Forward(EncoderInput.FromVectors(torch.randn(1, 4, 5), torch.ones([1, 4], ScalarType.Bool))));
        Assert.Contains("(B, T, 8)", wrongDim.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
