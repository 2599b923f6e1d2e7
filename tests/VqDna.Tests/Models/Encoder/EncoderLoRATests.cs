using System.Text.Json;
using VqDna.Models.Encoder;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Serialization;

namespace VqDna.Tests.Models.Encoder;

/// <summary>LoRA on the encoder: injection into query/value, freezing, merging, and peft's adapter files.</summary>
public sealed class EncoderLoRATests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vqdna-lora-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static DnaForSequenceClassification NewModel(ulong seed)
    {
        torch.manual_seed(seed);
        return new DnaForSequenceClassification(TinyEncoder.Ids(), new ClassifierConfig(3));
    }

    private static EncoderInput Batch()
    {
        torch.manual_seed(100);
        var ids = torch.randint(5, 12, [3, 8]);
        ids[2].narrow(0, 5, 3).fill_(0); // padding in the last row
        return EncoderInput.FromIds(ids);
    }

    private static Tensor Logits(DnaForSequenceClassification model, EncoderInput input)
    {
        using var output = model.Forward(input);
        return output.Logits.clone();
    }

    [Fact]
    public void InjectionTargetsQueryAndValueOfEveryLayer()
    {
        using var scope = torch.NewDisposeScope();
        using var model = NewModel(1);
        var wrapped = LoRA.Inject(model, new LoRAConfig());
        Assert.Equal(["encoder.layers.0.attention.query", "encoder.layers.0.attention.value",
                      "encoder.layers.1.attention.query", "encoder.layers.1.attention.value"], wrapped);
        var lora = (LoRALinear)model.encoder.layers[0].attention.query;
        Assert.Equal(32.0 / 8, lora.scaling);
        Assert.Equal(new long[] { 8, 32 }, lora.lora_A.weight.shape);
        Assert.Equal(new long[] { 32, 8 }, lora.lora_B.weight.shape);
        Assert.Equal(0, lora.lora_B.weight.abs().sum().item<float>());
        Assert.False(lora.base_layer.weight.requires_grad);
        Assert.Contains("encoder.layers.0.attention.query.base_layer.weight", model.StateDict().Keys);
        Assert.Contains("encoder.layers.0.attention.query.lora_A.weight", model.StateDict().Keys);
    }

    [Fact]
    public void AMissingTargetIsAnErrorListingTheLinearLayers()
    {
        using var scope = torch.NewDisposeScope();
        using var model = NewModel(2);
        var e = Assert.Throws<ArgumentException>(() => LoRA.Inject(model, ["Wqkv", "value"], 8, 32, 0.05));
        Assert.Contains("[Wqkv]", e.Message);
        Assert.Contains("encoder.layers.0.attention.query", e.Message);
    }

    [Fact]
    public void AFreshAdapterLeavesTheOutputUnchanged()
    {
        using var scope = torch.NewDisposeScope();
        var input = Batch();
        using var model = NewModel(3);
        model.Eval();
        var before = Logits(model, input);
        LoRA.Inject(model, new LoRAConfig());
        model.Eval();
        var after = Logits(model, input);
        Assert.True(before.equal(after), "LoRA with B = 0 changed the output");
    }

    [Fact]
    public void MergingGivesTheSameOutputsAsTheAdapter()
    {
        using var scope = torch.NewDisposeScope();
        var input = Batch();
        using var model = NewModel(4);
        var plainKeys = model.StateDict().Keys.ToArray();
        model.Eval();
        var before = Logits(model, input);
        LoRA.Inject(model, new LoRAConfig(R: 4, Alpha: 16, Dropout: 0.1, TargetModules: ["query", "value", "fc2"]));
        foreach (var (_, lora) in LoRA.Adapters(model)) Init.normal_(lora.lora_B.weight, 0, 0.5);
        model.Eval();
        var adapted = Logits(model, input);
        Assert.False(adapted.allclose(before, rtol: 0, atol: 1e-3), "a non-zero adapter did not change the output: the wrapped layer is bypassed");

        LoRA.MergeAndUnload(model);
        var merged = Logits(model, input);
        using var difference = (merged - adapted).abs().max();
        Assert.True(difference.item<float>() <= 1e-5, $"merged output differs from the adapter's by {difference.item<float>()}");
        Assert.Equal(plainKeys, model.StateDict().Keys.ToArray());
        Assert.Empty(LoRA.Adapters(model));
        Assert.All(model.Parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void OnlyLoRAMatricesAndTheHeadLearnWhenFrozen()
    {
        using var scope = torch.NewDisposeScope();
        var input = Batch();
        using var model = NewModel(5);
        LoRA.Inject(model, new LoRAConfig());
        int trainable = LoRA.MarkTrainable(model, ["classifier"]);
        Assert.Equal(2 * 2 * 2 + 4, trainable); // 2 layers × {query, value} × {A, B} + the head's 4 tensors
        foreach (var (_, lora) in LoRA.Adapters(model)) Init.normal_(lora.lora_B.weight, 0, 0.1); // so A gets a gradient too
        using var output = model.Forward(input, torch.tensor(new long[] { 0, 1, 2 }));
        output.Loss!.backward();
        foreach (var (name, p) in model.NamedParameters())
        {
            bool shouldLearn = LoRA.IsLoRAParameter(name) || name.StartsWith("classifier.");
            if (shouldLearn) Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} got no gradient");
            else Assert.True(p.grad is null, $"frozen {name} got a gradient");
        }
    }

    [Fact]
    public void EveryLinearLayerUsesItsAdapter()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(10);
        using var mlm = new DnaForMaskedModeling(TinyEncoder.Vectors());
        var wrapped = LoRA.Inject(mlm, ["input_projection", "query", "key", "value", "output", "fc1", "fc2", "dense", "decoder"], 2, 4, 0);
        Assert.Equal(1 + 2 * 6 + 2 * 2, wrapped.Count);
        foreach (var (_, lora) in LoRA.Adapters(mlm)) Init.normal_(lora.lora_B.weight, 0, 0.1);
        var vectors = torch.randn(2, 5, 8);
        var labels = torch.randint(0, 16, [2, 5]);
        using (var output = mlm.Forward(EncoderInput.FromVectors(vectors, torch.ones([2, 5], ScalarType.Bool)), [labels, labels]))
            output.Loss!.backward();
        foreach (var (path, lora) in LoRA.Adapters(mlm))
            Assert.True(lora.lora_A.weight.grad is { } g && g.abs().sum().item<float>() > 0, $"{path}: the adapter is bypassed (no gradient)");

        using var classifier = NewModel(11);
        Assert.Equal(2, LoRA.Inject(classifier, ["dense", "out_proj"], 2, 4, 0).Count);
        foreach (var (_, lora) in LoRA.Adapters(classifier)) Init.normal_(lora.lora_B.weight, 0, 0.1);
        using (var output = classifier.Forward(Batch(), torch.tensor(new long[] { 0, 1, 2 })))
            output.Loss!.backward();
        foreach (var (path, lora) in LoRA.Adapters(classifier))
            Assert.True(lora.lora_A.weight.grad is { } g && g.abs().sum().item<float>() > 0, $"{path}: the adapter is bypassed (no gradient)");
    }

    [Fact]
    public void PeftAdapterFilesRoundTripWithPeftsKeysAndShapes()
    {
        using var scope = torch.NewDisposeScope();
        var input = Batch();
        using var trained = NewModel(6);
        var baseState = trained.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var lora = new LoRAConfig(R: 4, Alpha: 8, Dropout: 0.05);
        LoRA.Inject(trained, lora);
        foreach (var (_, adapter) in LoRA.Adapters(trained)) Init.normal_(adapter.lora_B.weight, 0, 0.3);
        Init.normal_(trained.StateDict()["classifier.out_proj.weight"], 0, 1);
        trained.Eval();
        var expected = Logits(trained, input);

        var config = PeftAdapterConfig.From(lora, "runs/pretrain", "SEQ_CLS", ["classifier"]);
        PeftAdapter.Save(directory, trained, config);

        var header = Safetensors.ReadHeader(Path.Combine(directory, PeftAdapter.WeightsFile));
        var shapes = header.Tensors.ToDictionary(t => t.Name, t => t.Shape);
        var keys = new List<string>();
        foreach (var layer in new[] { 0, 1 })
            foreach (var target in new[] { "query", "value" })
            {
                string path = $"base_model.model.encoder.layers.{layer}.attention.{target}";
                keys.Add($"{path}.lora_A.weight");
                keys.Add($"{path}.lora_B.weight");
                Assert.Equal(new long[] { 4, 32 }, shapes[$"{path}.lora_A.weight"]);
                Assert.Equal(new long[] { 32, 4 }, shapes[$"{path}.lora_B.weight"]);
            }
        keys.AddRange(["base_model.model.classifier.dense.weight", "base_model.model.classifier.dense.bias",
                       "base_model.model.classifier.out_proj.weight", "base_model.model.classifier.out_proj.bias"]);
        Assert.Equal(keys.Order(), shapes.Keys.Order());
        Assert.Equal("pt", header.Metadata["format"]);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, PeftAdapter.ConfigFile)));
        var root = json.RootElement;
        Assert.Equal("LORA", root.GetProperty("peft_type").GetString());
        Assert.Equal("SEQ_CLS", root.GetProperty("task_type").GetString());
        Assert.Equal(4, root.GetProperty("r").GetInt32());
        Assert.Equal(8, root.GetProperty("lora_alpha").GetDouble());
        Assert.Equal(0.05, root.GetProperty("lora_dropout").GetDouble());
        Assert.Equal(["query", "value"], root.GetProperty("target_modules").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["classifier"], root.GetProperty("modules_to_save").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("none", root.GetProperty("bias").GetString());
        Assert.Equal("runs/pretrain", root.GetProperty("base_model_name_or_path").GetString());

        using var restored = NewModel(7); // other random weights, then the base and the adapter loaded
        restored.LoadStateDict(baseState);
        var read = PeftAdapter.Load(directory, restored);
        Assert.Equal(config.TargetModules, read.TargetModules);
        restored.Eval();
        var actual = Logits(restored, input);
        Assert.True(actual.equal(expected), "the reloaded adapter gives other logits");
    }

    [Fact]
    public void APeftFileWithMissingKeysIsRejectedByName()
    {
        using var scope = torch.NewDisposeScope();
        using var model = NewModel(8);
        var lora = new LoRAConfig();
        LoRA.Inject(model, lora);
        PeftAdapter.Save(directory, model, PeftAdapterConfig.From(lora, null, "SEQ_CLS", null));
        using var other = NewModel(9);
        var withHead = PeftAdapterConfig.From(lora, null, "SEQ_CLS", ["classifier"]);
        File.WriteAllText(Path.Combine(directory, PeftAdapter.ConfigFile), JsonSerializer.Serialize(withHead));
        var e = Assert.Throws<InvalidDataException>(() => PeftAdapter.Load(directory, other));
        Assert.Contains("missing keys [base_model.model.classifier.dense.weight", e.Message);
    }
}
