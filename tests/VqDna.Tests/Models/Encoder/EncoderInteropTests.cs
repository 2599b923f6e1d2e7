using VqDna.Models.Encoder;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Serialization;

namespace VqDna.Tests.Models.Encoder;

/// <summary>
/// Issue 8 item 5: scripts/encoder_reference.py defines the same encoder in PyTorch, loads our saved folder
/// (model.safetensors, or our torch.save-format export through torch.load) and must give the same hidden
/// states, pooled vectors and logits within 1e-4 on the same padded input, dropout off.
/// </summary>
public sealed class EncoderInteropTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Cases => new() { "mlm-ids", "mlm-vectors", "classifier-ids", "probe-vectors" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PyTorchGivesOurOutputs(string name)
    {
        using var folder = RepoData.NewTempFolder();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        bool ids = name.EndsWith("ids");
        var config = ids ? TinyEncoder.Ids() : TinyEncoder.Vectors();
        Module model = name switch
        {
            "mlm-ids" or "mlm-vectors" => new DnaForMaskedModeling(config),
            "classifier-ids" => new DnaForSequenceClassification(config, new ClassifierConfig(3)),
            _ => new DnaForSequenceClassification(config, new ClassifierConfig(4, Probe: true)),
        };
        using var _ = model;
        Perturb(model);
        model.Eval();
        if (model is DnaForMaskedModeling mlm) EncoderFolder.Save(mlm, folder.Path);
        else EncoderFolder.Save((DnaForSequenceClassification)model, folder.Path);

        var (input, inputTensors) = Input(config, withMaskedPositions: name == "mlm-vectors" || name == "mlm-ids");
        Safetensors.Save(inputTensors, folder.File("input.safetensors"));
        var ours = Outputs(model, input);

        PythonScript.Run("encoder_reference.py", folder.Path, folder.File("input.safetensors"), folder.File("out.safetensors"));
        Compare(ours, Safetensors.Load(folder.File("out.safetensors")), "model.safetensors");

        // Our torch.save-format export: torch.load reads it and load_state_dict(strict=True) accepts it.
        TorchFile.Save(model.StateDict(), folder.File("model.pt"));
        PythonScript.Run("encoder_reference.py", folder.Path, folder.File("input.safetensors"), folder.File("out-pt.safetensors"),
            "--weights", folder.File("model.pt"));
        Compare(ours, Safetensors.Load(folder.File("out-pt.safetensors")), "model.pt via torch.load");
    }

    [Fact]
    public void PyTorchAppliesOurPeftAdapterFromTheFilesAlone()
    {
        using var folder = RepoData.NewTempFolder();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(12);
        var config = TinyEncoder.Ids();
        using var model = new DnaForSequenceClassification(config, new ClassifierConfig(3));
        Perturb(model);
        EncoderFolder.Save(model, folder.File("base"));
        var lora = new LoRAConfig(R: 4, Alpha: 16, Dropout: 0.05, TargetModules: ["query", "value", "fc1"]);
        LoRA.Inject(model, lora);
        Perturb(model, name => LoRA.IsLoRAParameter(name) || name.StartsWith("classifier.")); // non-zero B; a head unlike the base folder's
        PeftAdapter.Save(folder.File("adapter"), model, PeftAdapterConfig.From(lora, folder.File("base"), "SEQ_CLS", ["classifier"]));
        model.Eval();

        var (input, inputTensors) = Input(config, withMaskedPositions: false);
        Safetensors.Save(inputTensors, folder.File("input.safetensors"));
        var ours = Outputs(model, input);
        PythonScript.Run("encoder_reference.py", folder.File("base"), folder.File("input.safetensors"), folder.File("out.safetensors"),
            "--adapter", folder.File("adapter"));
        Compare(ours, Safetensors.Load(folder.File("out.safetensors")), "base folder + peft adapter");
    }

    /// <summary>Moves every parameter off its initial value (LayerNorm 1/0, zero biases) so each one matters.</summary>
    private static void Perturb(Module model, Func<string, bool>? which = null)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in model.NamedParameters())
        {
            if (which is not null && !which(name)) continue;
            using var noise = torch.randn(p.shape) * 0.05;
            p.add_(noise);
        }
    }

    private static (EncoderInput, Dictionary<string, Tensor>) Input(EncoderConfig config, bool withMaskedPositions)
    {
        const int batch = 3, length = 11;
        var mask = torch.ones([batch, length], ScalarType.Bool);
        mask[1].narrow(0, 7, 4).fill_(false);                     // row 1: 7 real tokens
        mask[2].narrow(0, 3, 8).fill_(false);                     // row 2: 3 real tokens
        var masked = withMaskedPositions ? torch.rand(batch, length) < 0.3 : null;
        var tensors = new Dictionary<string, Tensor> { ["attention_mask"] = mask };
        if (masked is not null) tensors["masked_positions"] = masked;
        if (config.IdInput)
        {
            using var padding = mask.logical_not();
            var ids = torch.randint(5, config.VocabSize, [batch, length]).masked_fill(padding, config.PadId);
            tensors["input_ids"] = ids;
            return (new EncoderInput(ids, null, mask, masked), tensors);
        }
        var vectors = torch.randn(batch, length, config.InputDim);
        tensors["input_vectors"] = vectors;
        return (new EncoderInput(null, vectors, mask, masked), tensors);
    }

    private static Dictionary<string, Tensor> Outputs(Module model, EncoderInput input)
    {
        using var noGrad = torch.no_grad();
        if (model is DnaForMaskedModeling mlm)
        {
            var o = mlm.Forward(input);
            var result = new Dictionary<string, Tensor> { ["hidden_states"] = o.HiddenStates };
            for (int i = 0; i < o.Logits.Count; i++) result[$"logits.{i}"] = o.Logits[i];
            using var encoded = mlm.encoder.Forward(input);
            result["pooled"] = encoded.Pooled.clone();
            return result;
        }
        var c = ((DnaForSequenceClassification)model).Forward(input);
        using var e = ((DnaForSequenceClassification)model).encoder.Forward(input);
        return new() { ["hidden_states"] = e.HiddenStates.clone(), ["pooled"] = c.Pooled, ["logits"] = c.Logits };
    }

    private static void Compare(Dictionary<string, Tensor> ours, IReadOnlyDictionary<string, Tensor> theirs, string source)
    {
        Assert.Equal(ours.Keys.Order(), theirs.Keys.Order());
        foreach (var (key, tensor) in ours)
        {
            var other = theirs[key];
            Assert.True(tensor.shape.SequenceEqual(other.shape), $"{key}: ours [{string.Join(", ", tensor.shape)}], PyTorch's [{string.Join(", ", other.shape)}]");
            using var difference = (tensor - other).abs().max();
            double max = difference.item<float>();
            Assert.True(max <= Tolerance, $"{key} ({source}): max |ours − PyTorch| = {max:g3} > {Tolerance}");
        }
    }
}
