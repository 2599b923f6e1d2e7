using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Tests.Models.Encoder;
using VqDna.Tokenizers;
using VqDna.Torch;

namespace VqDna.Tests.Inference;

public sealed class SequenceClassifierTests
{
    /// <summary>
    /// Rows past the context run in chunks; the head reads the mean (or, under max pooling, the largest values) over
    /// every token of the row, and the inference engine's own chunking (ChunkPooling) gives the same probabilities.
    /// </summary>
    [Theory]
    [InlineData(SequencePooling.Mean)]
    [InlineData(SequencePooling.Max)]
    [InlineData(SequencePooling.MeanMax)]
    public void InputsLongerThanTheContextPoolOverEveryTokenOfTheirChunks(SequencePooling pooling)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(8);
        using var inputs = new TokenIdInputs(new CharTokenizer(), "char");
        var config = TinyEncoder.Config(inputs.Spec, maxLength: 4);
        using var model = new DnaForSequenceClassification(config, new ClassifierConfig(2, Pooling: pooling));
        model.Eval();
        var classifier = new SequenceClassifier(model, inputs);
        var rows = inputs.Tokenize(["ACGTTGCAAC", "GGCATG"]);                 // 10 tokens: chunks [0,4) [4,8) [8,10); 6 tokens: [0,4) [4,6)

        using var noGrad = torch.no_grad();
        var logits = classifier.Logits(rows);
        for (int row = 0; row < 2; row++)
        {
            var hidden = rows[row].Chunks(4).Select(chunk => model.encoder.Forward(inputs.Batch([chunk]).Input).HiddenStates[0]).ToList();
            var tokens = torch.cat(hidden, 0);                                                    // every token of the row
            var pooled = pooling switch
            {
                SequencePooling.Max => tokens.amax(0),
                SequencePooling.MeanMax => torch.cat([tokens.mean(0), tokens.amax(0)], 0),
                _ => tokens.mean(0),
            };
            var expected = model.classifier.Forward(pooled.unsqueeze(0));
            Assert.True(logits[row].unsqueeze(0).allclose(expected, rtol: 0, atol: 1e-5), $"row {row}");
        }
        // Within the context, one chunk: the same as the model's own forward.
        var whole = model.Forward(inputs.Batch([rows[1].Slice(0, 4)]).Input).Logits;
        Assert.True(classifier.Logits([rows[1].Slice(0, 4)]).allclose(whole, rtol: 0, atol: 1e-6));
        var engine = new TorchClassifierEngine(classifier).Probabilities(rows);
        var softmax = logits.softmax(-1).ToArray<float>();
        for (int i = 0; i < softmax.Length; i++) Assert.Equal(softmax[i], engine[i / 2][i % 2], 5);
    }

    [Fact]
    public void FeaturesAreThePooledOutputTheHeadReadsInEvalMode()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(9);
        using var inputs = new TokenIdInputs(new CharTokenizer(), "char");
        using var model = new DnaForSequenceClassification(TinyEncoder.Config(inputs.Spec, maxLength: 4), new ClassifierConfig(3));
        model.Train();                                                     // dropout on: Features must switch it off and back
        var classifier = new SequenceClassifier(model, inputs);
        string[] sequences = ["ACGTTGCAAC", "GGCATG", "TTAGC"];

        var features = classifier.Features(sequences, batchSize: 2);           // two batches
        Assert.True(model.training);
        Assert.Equal(new[] { 3, model.Config.Width }, new[] { features.GetLength(0), features.GetLength(1) });
        model.Eval();
        using var noGrad = torch.no_grad();
        using var expected = classifier.Logits(inputs.Tokenize(sequences));
        var flat = new float[features.Length];
        Buffer.BlockCopy(features, 0, flat, 0, flat.Length * sizeof(float));
        using var logits = model.classifier.Forward(torch.tensor(flat, [3, model.Config.Width]));
        Assert.True(logits.allclose(expected, rtol: 0, atol: 1e-5));
    }

    /// <summary>Under mean-max pooling the mean's half takes the same n / m scale (read through a direction on that half alone).</summary>
    [Theory]
    [InlineData(SequencePooling.Mean)]
    [InlineData(SequencePooling.MeanMax)]
    public void TrainingALongRowBackPropagatesThroughOneChunkWithTheFullForward(SequencePooling pooling)
    {
        // Issue 19: every chunk of a long row kept its activations for backward (a 100 kbp row: 14.9 GB). Now one chunk
        // per row does, drawn per step, its gradient scaled by the chunk count; the pooled value is still every chunk's.
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(10);
        using var inputs = new TokenIdInputs(new CharTokenizer(), "char");
        var config = TinyEncoder.Config(inputs.Spec, maxLength: 4) with { Dropout = 0, AttentionDropout = 0 };
        using var model = new DnaForSequenceClassification(config, new ClassifierConfig(2, Pooling: pooling));
        model.Train();
        var classifier = new SequenceClassifier(model, inputs);
        // 12 tokens: three chunks of 4, equal weights; none the reverse of another (symmetric ALiBi pools those alike).
        var row = inputs.Tokenize(["AACGTCGGATTT"])[0];
        var weight = model.NamedParameters().First(p => p.Key.StartsWith("encoder.layers.", StringComparison.Ordinal) && p.Value.dim() == 2).Value;

        // A fixed random direction: the plain sum of a layer-normed output has (nearly) no gradient.
        var direction = torch.cat([torch.randn([1, config.Width]), torch.zeros([1, model.PooledWidth - config.Width])], 1);
        Tensor GradientOf(IReadOnlyList<TokenizedSequence> rows, out Tensor value)
        {
            weight.grad = null;
            var pooled = classifier.Pooled(rows);
            value = pooled.detach();
            (pooled * direction).sum().backward();
            return weight.grad!;
        }

        var chunks = row.Chunks(4).ToList();
        var chunkGradients = new List<Tensor>();                                 // a chunk alone fits: its whole gradient
        var chunkValues = new List<Tensor>();
        foreach (var chunk in chunks)
        {
            chunkGradients.Add(GradientOf([chunk], out var value));
            chunkValues.Add(value);
        }
        Assert.False(chunkGradients[0].allclose(chunkGradients[1], rtol: 1e-2, atol: 1e-4), "the chunks' gradients differ");
        var drawn = new HashSet<int>();
        for (ulong seed = 0; seed < 12; seed++)
        {
            torch.manual_seed(seed);
            var gradient = GradientOf([row], out var value);
            // Value: the mean over every token (three equal chunks), as prediction pools.
            var meanHalf = value.narrow(1, 0, config.Width);
            Assert.True(meanHalf.allclose(torch.cat(chunkValues, 0).narrow(1, 0, config.Width).mean([0], keepdim: true), rtol: 0, atol: 1e-5));
            // Gradient: one chunk's (weight 1/3, scaled by 3), not the sum over all three a full backward gives.
            int match = chunkGradients.FindIndex(g => gradient.allclose(g, rtol: 1e-4, atol: 1e-6));
            Assert.True(match >= 0, $"seed {seed}: the gradient is not one chunk's");
            drawn.Add(match);
        }
        Assert.True(drawn.Count > 1, "the chunk is drawn, not always the same one");
    }
}
