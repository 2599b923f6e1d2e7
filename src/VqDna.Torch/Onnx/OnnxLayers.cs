using VqDna.Torch.NN;

namespace VqDna.Torch.Onnx;

/// <summary>
/// Our nn layers as ONNX nodes, with their weights as initializers named by their state-dict keys
/// (the name argument is the module's path: "encoder.0.pwconv1" gives "encoder.0.pwconv1.bias").
/// Each writes the same computation as the layer's Forward in eval mode (dropout is the identity there).
/// A layer applied twice (the same name) shares its initializers.
/// </summary>
public static class OnnxLayers
{
    /// <summary>
    /// y = x Wᵀ + b over the last axis of x (any rank). W is stored transposed ("NAME.weight.T", (in, out)) for
    /// MatMul. A <see cref="LoRALinear"/> is written with its update folded in, W + (α/r)·B·A (peft's merge), so
    /// the file holds one plain matrix per layer whatever the fine-tuning mode.
    /// </summary>
    public static string Linear(this OnnxGraph graph, string x, Module linear, string name)
    {
        string weightName = name + ".weight.T", biasName = name + ".bias";
        bool hasBias = linear is NN.Linear { bias: not null } or LoRALinear { base_layer.bias: not null };
        if (!graph.Contains(weightName))                                             // a layer applied twice shares its initializers
        {
            using var scope = torch.NewDisposeScope();
            var (weight, bias) = LinearWeights(linear, name);
            graph.Initializer(weightName, weight.t().contiguous());                  // (in, out)
            if (bias is not null) graph.Initializer(biasName, bias);
        }
        using var _ = graph.Scope(name);
        var product = graph.Node("MatMul", [x, weightName]);
        return hasBias ? graph.Node("Add", [product, biasName]) : product;
    }

    /// <summary>LayerNormalization over the layer's normalized_shape (the trailing axes), with its epsilon.</summary>
    public static string LayerNorm(this OnnxGraph graph, string x, LayerNorm norm, string name)
    {
        using var scope = torch.NewDisposeScope();
        var shape = norm.normalized_shape.ToArray();
        var weight = norm.weight ?? torch.ones(shape, null);                        // no affine: scale 1, shift 0
        var bias = norm.bias ?? torch.zeros(shape, null);
        var scale = Weight(graph, name + ".weight", weight);
        var shift = Weight(graph, name + ".bias", bias);
        using var _ = graph.Scope(name);
        return graph.Node("LayerNormalization", [x, scale, shift],
            OnnxAttribute.Int("axis", -shape.Length), OnnxAttribute.Float("epsilon", (float)norm.eps));
    }

    /// <summary>Conv over (N, C, L) with the layer's stride, symmetric padding, dilation and groups.</summary>
    public static string Conv1d(this OnnxGraph graph, string x, Conv1d conv, string name)
    {
        var weight = Weight(graph, name + ".weight", conv.weight);
        var inputs = conv.bias is null ? new[] { x, weight } : [x, weight, Weight(graph, name + ".bias", conv.bias)];
        using var _ = graph.Scope(name);
        return graph.Node("Conv", inputs,
            OnnxAttribute.Ints("kernel_shape", conv.weight.size(2)),
            OnnxAttribute.Ints("pads", conv.padding, conv.padding),
            OnnxAttribute.Ints("strides", conv.stride),
            OnnxAttribute.Ints("dilations", conv.dilation),
            OnnxAttribute.Int("group", conv.groups));
    }

    /// <summary>
    /// GELU in its exact form, 0.5·x·(1 + erf(x/√2)) (PyTorch's approximate="none"). GELU is an ONNX operator
    /// only from opset 20; this is the node pattern ONNX Runtime's Gelu fusion recognises.
    /// </summary>
    public static string Gelu(this OnnxGraph graph, string x)
    {
        var scaled = graph.Node("Div", [x, graph.Scalar(MathF.Sqrt(2f))]);
        var erf = graph.Node("Erf", [scaled]);
        var onePlus = graph.Node("Add", [erf, graph.Scalar(1f)]);
        var product = graph.Node("Mul", [x, onePlus]);
        return graph.Node("Mul", [product, graph.Scalar(0.5f)]);
    }

    /// <summary>Rows of the embedding table for int64 ids (any shape): Gather on axis 0.</summary>
    public static string Embedding(this OnnxGraph graph, string ids, Embedding embedding, string name)
    {
        var table = Weight(graph, name + ".weight", embedding.weight);
        using var _ = graph.Scope(name);
        return graph.Node("Gather", [table, ids], OnnxAttribute.Int("axis", 0));
    }

    private static string Weight(OnnxGraph graph, string name, Tensor value) => graph.Contains(name) ? name : graph.Initializer(name, value);

    /// <summary>
    /// The weight (out, in) and bias the layer applies in eval mode, as tensors of the current dispose scope:
    /// a Linear's own, or a LoRA wrapper's base weight plus its scaled update (unless already merged).
    /// </summary>
    public static (Tensor Weight, Tensor? Bias) LinearWeights(Module linear, string name)
    {
        using var noGrad = torch.no_grad();
        switch (linear)
        {
            case NN.Linear plain:
                return (plain.weight.detach(), plain.bias?.detach());
            case LoRALinear lora:
                var bias = lora.base_layer.bias?.detach();
                if (lora.merged) return (lora.base_layer.weight.detach(), bias);
                var delta = lora.lora_B.weight.mm(lora.lora_A.weight);               // (out, in)
                return (lora.base_layer.weight.add(delta, lora.scaling), bias);      // W + B·A·α/r, as LoRALinear.Merge
            default:
                throw new ArgumentException($"'{name}' is a {linear.GetType().Name}: only Linear and LoRALinear layers can be written as MatMul", nameof(linear));
        }
    }
}
