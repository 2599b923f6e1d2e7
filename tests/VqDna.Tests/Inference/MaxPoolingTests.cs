using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Google.Protobuf;
using VqDna.Export;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Tests.Models.Encoder;
using VqDna.Tokenizers;
using VqDna.Torch;
using VqDna.Torch.Onnx;

namespace VqDna.Tests.Inference;

/// <summary>
/// Max pooling (<see cref="SequencePooling.Max"/>, `finetune --pooling max`): the head reads the largest value of each
/// feature over the real tokens, and every path that pools agrees (chunked rows on libtorch: SequenceClassifierTests;
/// here the ONNX graph with its own chunking and the ONNX engine's chunking).
/// </summary>
public sealed class MaxPoolingTests
{
    [Fact]
    public void MaxPoolIgnoresPaddingAndARowWithoutTokensPoolsToZeros()
    {
        using var scope = torch.NewDisposeScope();
        var hidden = torch.tensor(new float[]
        {
            1, -5,   3, -2,   9, 9,                                     // row 0: the third position is padding
            -1, -4,  -3, -7,  -2, -6,                                   // row 1: all real, all negative
            5, 5,    6, 6,    7, 7,                                     // row 2: no real token
        }, [3, 3, 2]);
        var keep = torch.tensor(new float[] { 1, 1, 0, 1, 1, 1, 0, 0, 0 }, [3, 3]).gt(0);
        var pooled = DnaEncoder.Pool(hidden, keep, SequencePooling.Max).ToArray<float>();
        Assert.Equal(new float[] { 3, -2, -1, -4, 0, 0 }, pooled);
        var mean = DnaEncoder.Pool(hidden, keep, SequencePooling.Mean).ToArray<float>();
        Assert.Equal(new float[] { 2, -3.5f, -2, -17 / 3f, 0, 0 }, mean);
        // Mean-max: the mean's D features, then the maximum's, per row.
        var both = DnaEncoder.Pool(hidden, keep, SequencePooling.MeanMax).ToArray<float>();
        Assert.Equal(new float[] { 2, -3.5f, 3, -2, -2, -17 / 3f, -1, -4, 0, 0, 0, 0 }, both);
    }

    /// <summary>
    /// The exported graph chunks a padded batch itself (rows past the 4-token context, one shorter than the batch's
    /// width, so it has a chunk of padding only); the ONNX engine chunks rows on its own and runs the head graph.
    /// Both must give libtorch's probabilities.
    /// </summary>
    [Theory]
    [InlineData(SequencePooling.Max)]
    [InlineData(SequencePooling.MeanMax)]
    public void TheOnnxGraphAndTheOnnxEnginePoolAsLibtorchDoes(SequencePooling pooling)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        using var inputs = new TokenIdInputs(new CharTokenizer(), "char");
        using var model = new DnaForSequenceClassification(TinyEncoder.Config(inputs.Spec, maxLength: 4), new ClassifierConfig(3, Pooling: pooling));
        model.Eval();
        var classifier = new SequenceClassifier(model, inputs);
        string[] sequences = ["ACGTTGCAACGT", "GGCA", "TTAGCAT"];
        var rows = inputs.Tokenize(sequences);
        var expected = new TorchClassifierEngine(classifier).Probabilities(rows);

        using var engine = ClassifierEngines.CreateOnnx(model, inputs);
        var viaEngine = engine.Probabilities(rows);

        var graph = OnnxModelWriter.ToModel(ClassifierOnnxExport.Build(model), new OnnxModelInfo("vqdna", "test", [])).ToByteArray();
        using var session = new InferenceSession(graph);
        int batch = rows.Count, width = rows.Max(r => r.Length);
        var batchInput = inputs.Batch(rows).Input;
        var ids = batchInput.InputIds!.ToArray<long>();
        var mask = batchInput.AttentionMask.ToArray<bool>().Select(b => b ? 1L : 0L).ToArray();
        using var results = session.Run([
            NamedOnnxValue.CreateFromTensor(ClassifierOnnxExport.IdsInput, new DenseTensor<long>(ids, [batch, width])),
            NamedOnnxValue.CreateFromTensor(ClassifierOnnxExport.MaskInput, new DenseTensor<long>(mask, [batch, width])),
        ]);
        var viaGraph = results.Single(r => r.Name == ClassifierOnnxExport.ProbabilitiesOutput).AsTensor<float>().ToArray();
        Assert.Equal(pooling.PooledWidth(model.Config.Width), results.Single(r => r.Name == ClassifierOnnxExport.PooledOutput).AsTensor<float>().Dimensions[1]);
        for (int b = 0; b < batch; b++)
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected[b][c], viaEngine[b][c], 4);
                Assert.Equal(expected[b][c], viaGraph[b * 3 + c], 4);
            }
    }

    [Fact]
    public void ThePoolingIsSavedWithTheHeadAndAConfigWrittenBeforeItReadsMean()
    {
        var meanMax = new EncoderModelConfig(EncoderModelConfig.SequenceClassification, TinyEncoder.Ids(), new ClassifierConfig(2, Pooling: SequencePooling.MeanMax), "test");
        var meanMaxJson = System.Text.Json.JsonSerializer.Serialize(meanMax, VqDna.IO.JsonFiles.Options);
        Assert.Equal("mean_max", System.Text.Json.Nodes.JsonNode.Parse(meanMaxJson)!["classifier"]!["pooling"]!.GetValue<string>());
        Assert.Equal(SequencePooling.MeanMax, System.Text.Json.JsonSerializer.Deserialize<EncoderModelConfig>(meanMaxJson, VqDna.IO.JsonFiles.Options)!.Classifier!.Pooling);
        var config = new EncoderModelConfig(EncoderModelConfig.SequenceClassification, TinyEncoder.Ids(), new ClassifierConfig(2, Pooling: SequencePooling.Max), "test");
        var json = System.Text.Json.JsonSerializer.Serialize(config, VqDna.IO.JsonFiles.Options);
        Assert.Equal("max", System.Text.Json.Nodes.JsonNode.Parse(json)!["classifier"]!["pooling"]!.GetValue<string>());
        Assert.Equal(SequencePooling.Max, System.Text.Json.JsonSerializer.Deserialize<EncoderModelConfig>(json, VqDna.IO.JsonFiles.Options)!.Classifier!.Pooling);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.True(node["classifier"]!.AsObject().Remove("pooling"));
        var older = node.ToJsonString();
        Assert.DoesNotContain("pooling", older);
        Assert.Equal(SequencePooling.Mean, System.Text.Json.JsonSerializer.Deserialize<EncoderModelConfig>(older, VqDna.IO.JsonFiles.Options)!.Classifier!.Pooling);
    }
}
