using System.Text.Json;
using VqDna.Torch.NN;
using VqDna.Torch.Tests.Tensors;

namespace VqDna.Torch.Tests.Reference;

/// <summary>
/// Our ops against PyTorch 1.13's results on the same literal inputs. The values come from
/// scripts/make_reference_values.py (run it with /usr/bin/python3 to regenerate the JSON).
/// </summary>
public sealed class ReferenceValueTests
{
    /// <summary>How each case of the JSON is reproduced with our binding; the key is the case name.</summary>
    private static readonly Dictionary<string, Action<ReferenceCase>> Runners = new()
    {
        // element-wise, with broadcasting
        ["add"] = c => c.Check("out", c.T("a") + c.T("b")),
        ["sub"] = c => c.Check("out", c.T("a") - c.T("b")),
        ["mul"] = c => c.Check("out", c.T("a") * c.T("b")),
        ["div"] = c => c.Check("out", c.T("a") / c.T("b")),
        ["exp"] = c => c.Check("out", torch.exp(c.T("x"))),
        ["log"] = c => c.Check("out", torch.log(c.T("x"))),
        ["sqrt"] = c => c.Check("out", torch.sqrt(c.T("x"))),
        ["pow"] = c => c.Check("out", torch.pow(c.T("x"), c.Number("exponent"))),
        ["pow_tensor"] = c => c.Check("out", c.T("x").pow(c.T("e"))),
        ["tanh"] = c => c.Check("out", torch.tanh(c.T("x"))),
        ["sigmoid"] = c => c.Check("out", torch.sigmoid(c.T("x"))),
        ["relu"] = c => c.Check("out", F.relu(c.T("x"))),
        ["gelu"] = c => c.Check("out", F.gelu(c.T("x"))),
        ["gelu_tanh"] = c => c.Check("out", F.gelu(c.T("x"), approximate: "tanh")),
        ["clamp"] = c => c.Check("out", torch.clamp(c.T("x"), c.Number("min"), c.Number("max"))),

        // products
        ["matmul"] = c => c.Check("out", torch.matmul(c.T("a"), c.T("b"))),
        ["matmul_2d"] = c => c.Check("out", c.T("a").matmul(c.T("b"))),
        ["bmm"] = c => c.Check("out", c.T("a").bmm(c.T("b"))),
        ["linear"] = c => c.Check("out", F.linear(c.T("x"), c.T("weight"), c.T("bias"))),

        // reductions and scans over a dim
        ["softmax"] = c => c.Check("out", torch.softmax(c.T("x"), c.Integer("dim"))),
        ["softmax_last"] = c => c.Check("out", F.softmax(c.T("x"), c.Integer("dim"))),
        ["log_softmax"] = c => c.Check("out", torch.log_softmax(c.T("x"), c.Integer("dim"))),
        ["sum"] = c => c.Check("out", c.T("x").sum(c.Integer("dim"))),
        ["sum_keepdim"] = c => c.Check("out", c.T("x").sum(c.Integer("dim"), keepdim: true)),
        ["mean"] = c => c.Check("out", c.T("x").mean(c.Integer("dim"))),
        ["var_unbiased"] = c => c.Check("out", c.T("x").var([c.Integer("dim")])),
        ["var_correction0"] = c => c.Check("out", c.T("x").var([c.Integer("dim")], correction: 0)),
        ["argmax"] = c => c.Check("out", torch.argmax(c.T("x"), c.Integer("dim"))),
        ["argmin"] = c => c.Check("out", torch.argmin(c.T("x"), c.Integer("dim"))),
        ["cumsum"] = c => c.Check("out", torch.cumsum(c.T("x"), c.Integer("dim"))),
        ["max"] = c => c.CheckPair(c.T("x").max(c.Integer("dim"))),
        ["min"] = c => c.CheckPair(c.T("x").min(c.Integer("dim"))),
        ["topk"] = c => c.CheckPair(torch.topk(c.T("x"), c.Integer("k"), c.Integer("dim"))),

        // indexing, joins, lookups
        ["gather"] = c => c.Check("out", c.T("x").gather(c.Integer("dim"), c.T("index"))),
        ["scatter"] = c => c.Check("out", c.T("x").scatter(c.Integer("dim"), c.T("index"), c.T("src"))),
        ["index_select_0"] = c => c.Check("out", c.T("x").index_select(c.Integer("dim"), c.T("index"))),
        ["index_select_1"] = c => c.Check("out", c.T("x").index_select(c.Integer("dim"), c.T("index"))),
        ["index_add"] = c => c.Check("out", c.T("x").index_add(c.Integer("dim"), c.T("index"), c.T("source"))),
        ["masked_fill"] = c => c.Check("out", c.T("x").masked_fill(c.T("mask"), c.Number("value"))),
        ["where"] = c => c.Check("out", torch.where(c.T("cond"), c.T("x"), c.T("y"))),
        ["cat"] = c => c.Check("out", torch.cat([c.T("a"), c.T("b")], c.Integer("dim"))),
        ["stack"] = c => c.Check("out", torch.stack([c.T("a"), c.T("b")], c.Integer("dim"))),
        ["stack_1"] = c => c.Check("out", torch.stack([c.T("a"), c.T("b")], c.Integer("dim"))),
        ["one_hot"] = c => c.Check("out", F.one_hot(c.T("x"), c.Integer("num_classes"))),
        ["embedding"] = c => c.Check("out", F.embedding(c.T("x"), c.T("weight"))),

        // nn functional
        ["conv1d"] = Conv1d,
        ["conv1d_depthwise"] = Conv1d,
        ["layer_norm"] = c => c.Check("out", F.layer_norm(c.T("x"), c.T("weight").shape, c.T("weight"), c.T("bias"), c.Number("eps"))),
        ["cross_entropy"] = c => c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"))),
        ["cross_entropy_sum"] = c => c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"), reduction: Reduction.Sum)),
        ["cross_entropy_none"] = c => c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"), reduction: Reduction.None)),
        ["cross_entropy_ignore_index"] = c => c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"), ignore_index: c.Integer("ignore_index"))),
        ["cross_entropy_ignore_index_2"] = c => c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"), ignore_index: c.Integer("ignore_index"))),
        ["cross_entropy_label_smoothing"] = c => c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"), label_smoothing: c.Number("label_smoothing"))),
        ["cross_entropy_weight"] = c => c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"), weight: c.T("weight"))),
        ["cross_entropy_weight_ignore_index"] = c =>
            c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"), weight: c.T("weight"), ignore_index: c.Integer("ignore_index"))),
        ["cross_entropy_nd"] = c => c.Check("out", F.cross_entropy(c.T("logits"), c.T("target"))),
        ["mse_loss"] = c => c.Check("out", F.mse_loss(c.T("input"), c.T("target"))),
        ["multihead_attention"] = Attention,

        ["composite_grad"] = CompositeGradient,
    };

    public static TheoryData<string> Cases() => new(Runners.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string op)
    {
        using var scope = torch.NewDisposeScope();
        Runners[op](ReferenceValues.Case(op));
    }

    [Fact]
    public void EveryRecordedCaseIsChecked()
    {
        var recorded = ReferenceValues.CaseNames().Where(n => !n.StartsWith("rng_", StringComparison.Ordinal));
        Assert.Empty(recorded.Except(Runners.Keys));
        Assert.Empty(Runners.Keys.Except(ReferenceValues.CaseNames()));
    }

    private static void Conv1d(ReferenceCase c) =>
        c.Check("out", F.conv1d(c.T("x"), c.T("weight"), c.T("bias"), padding: c.Integer("padding"), groups: c.Integer("groups")));

    /// <summary>Our MultiheadAttention with nn.MultiheadAttention's weights: same output, padding keys masked.</summary>
    private static void Attention(ReferenceCase c)
    {
        using var attention = new MultiheadAttention(8, 2);
        attention.Eval();
        string[] keys = ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"];
        attention.LoadStateDict(keys.ToDictionary(k => k, k => c.T("state." + k)));
        c.Check("out", attention.Forward(c.T("x"), c.T("key_padding_mask")));
    }

    /// <summary>loss = CE(LN(gelu(x Wᵀ + b))) + 0.5 mean(h²) + 0.01 Σ exp(-x); autograd w.r.t. every input.</summary>
    private static void CompositeGradient(ReferenceCase c)
    {
        var x = c.T("x", requires_grad: true);
        var w = c.T("weight", requires_grad: true);
        var b = c.T("bias", requires_grad: true);
        var gamma = c.T("gamma", requires_grad: true);
        var beta = c.T("beta", requires_grad: true);
        var h = F.layer_norm(F.gelu(F.linear(x, w, b)), [5], gamma, beta, 1e-5);
        var loss = F.cross_entropy(h, c.T("target")) + h.pow(2).mean() * 0.5 + torch.exp(-x).sum() * 0.01;
        c.Check("loss", loss);
        loss.backward();
        c.Check("grad_x", x.grad!);
        c.Check("grad_weight", w.grad!);
        c.Check("grad_bias", b.grad!);
        c.Check("grad_gamma", gamma.grad!);
        c.Check("grad_beta", beta.grad!);
    }
}

/// <summary>
/// torch.manual_seed must give PyTorch's exact streams. The generator is process-wide, so these run
/// in the serial collection, where no other test draws numbers concurrently.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ReferenceRandomStreamTests
{
    [Fact]
    public void ManualSeedGivesPyTorchsStreamForRandRandnRandintRandperm()
    {
        using var scope = torch.NewDisposeScope();
        var c = ReferenceValues.Case("rng_stream");
        torch.manual_seed(1234);
        c.CheckExact("rand", torch.rand(5));
        c.CheckExact("randn", torch.randn(5));
        c.CheckExact("randint", torch.randint(0, 10, [5]));
        c.CheckExact("randperm", torch.randperm(8));
    }

    [Fact]
    public void ManualSeedGivesPyTorchsStreamOnTheVectorisedPath()
    {
        using var scope = torch.NewDisposeScope();
        var c = ReferenceValues.Case("rng_large");
        torch.manual_seed(1234);
        c.CheckExact("rand", torch.rand(20));
        c.CheckExact("randn", torch.randn(20));
    }
}

/// <summary>reference_values.json, loaded once from the test output folder.</summary>
internal static class ReferenceValues
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", "reference_values.json");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: run /usr/bin/python3 scripts/make_reference_values.py", path);
        return JsonDocument.Parse(File.ReadAllBytes(path));
    });

    private static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<string> CaseNames() => Root.GetProperty("cases").EnumerateObject().Select(p => p.Name);

    public static ReferenceCase Case(string name) =>
        Root.GetProperty("cases").TryGetProperty(name, out var c)
            ? new ReferenceCase(name, c)
            : throw new KeyNotFoundException($"reference_values.json has no case '{name}': regenerate it");

    /// <summary>The AdamW trajectory recorded against torch.optim.AdamW.</summary>
    public static ReferenceCase AdamW => new("adamw", Root.GetProperty("adamw"));
}

/// <summary>One recorded case: literal inputs, scalar arguments and PyTorch's outputs.</summary>
internal sealed class ReferenceCase(string name, JsonElement element)
{
    public string Name => name;

    private JsonElement Get(string key) =>
        element.TryGetProperty(key, out var v) ? v : throw new KeyNotFoundException($"{name}: the case has no '{key}'");

    public double Number(string key) => Get(key).GetDouble();

    public long Integer(string key) => Get(key).GetInt64();

    public long[] Shape(string key) => Get(key).GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public string DType(string key) => Get(key).GetProperty("dtype").GetString()!;

    /// <summary>Float data parsed straight to float (not through double), so the bits are PyTorch's.</summary>
    public float[] Floats(string key) => Data(key).Select(e => e.GetSingle()).ToArray();

    public long[] Longs(string key) => Data(key).Select(e => e.GetInt64()).ToArray();

    public bool[] Bools(string key) => Data(key).Select(e => e.GetBoolean()).ToArray();

    private IEnumerable<JsonElement> Data(string key) => Get(key).GetProperty("data").EnumerateArray();

    /// <summary>The stored tensor, built with torch.tensor from its literal data.</summary>
    public Tensor T(string key, bool requires_grad = false) => DType(key) switch
    {
        "float32" => torch.tensor(Floats(key), Shape(key), requires_grad),
        "int64" => torch.tensor(Longs(key), Shape(key)),
        "bool" => torch.tensor(Bools(key), Shape(key)),
        var other => throw new NotSupportedException($"{name}.{key}: dtype {other}"),
    };

    /// <summary>Same shape and dtype; floats within 1e-5 (absolute plus relative), integers and bools exactly.</summary>
    public void Check(string key, Tensor actual, double tolerance = 1e-5)
    {
        string what = $"{name} ({key})";
        Assert.True(Shape(key).SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], PyTorch gives [{string.Join(", ", Shape(key))}]");
        switch (DType(key))
        {
            case "float32":
                Assert.True(actual.dtype == ScalarType.Float32, $"{what}: dtype {actual.dtype}, PyTorch gives float32");
                TensorAssert.Close(what, Floats(key).Select(f => (double)f).ToArray(),
                    actual.ToArray<float>().Select(f => (double)f).ToArray(), tolerance);
                break;
            case "int64":
                Assert.True(actual.dtype == ScalarType.Int64, $"{what}: dtype {actual.dtype}, PyTorch gives int64");
                TensorAssert.Equal(what, Longs(key), actual.ToArray<long>());
                break;
            case "bool":
                Assert.True(actual.dtype == ScalarType.Bool, $"{what}: dtype {actual.dtype}, PyTorch gives bool");
                TensorAssert.Equal(what, Bools(key), actual.ToArray<bool>());
                break;
            default:
                throw new NotSupportedException($"{what}: dtype {DType(key)}");
        }
    }

    /// <summary>Bit-for-bit equality (random streams).</summary>
    public void CheckExact(string key, Tensor actual) => Check(key, actual, tolerance: 0);

    /// <summary>A (values, indices) result such as max(dim) or topk.</summary>
    public void CheckPair((Tensor values, Tensor indices) actual)
    {
        Check("values", actual.values);
        Check("indices", actual.indices);
    }
}

/// <summary>Element-wise comparisons whose failure names the op and the first offending element.</summary>
internal static class TensorAssert
{
    /// <summary>|actual - expected| ≤ tolerance · (1 + |expected|) everywhere, NaN only where expected is NaN.</summary>
    public static void Close(string what, double[] expected, double[] actual, double tolerance)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} elements, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a) : Math.Abs(a - e) <= tolerance * (1 + Math.Abs(e));
            Assert.True(ok, $"{what}: element {i} is {a:R}, expected {e:R} (difference {Math.Abs(a - e):E2}, tolerance {tolerance:E0})");
        }
    }

    public static void Equal<T>(string what, T[] expected, T[] actual) where T : IEquatable<T>
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} elements, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]), $"{what}: element {i} is {actual[i]}, expected {expected[i]}");
    }

    /// <summary>The largest |a - b| (for optimizer trajectories, where one bound covers every element).</summary>
    public static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }
}
