using VqDna.Datasets;
using VqDna.Models.Baselines;
using VqDna.Torch;
using VqDna.Torch.Onnx;

namespace VqDna.Export;

/// <summary>
/// The classical baselines `vqdna baseline` writes, as ONNX graphs from nucleotides to probabilities, op for op as
/// vqdna computes them, so the model a fine-tune was read against runs beside it in any ONNX runtime. Inputs, as
/// <see cref="ClassifierOnnxExport.BuildEndToEnd"/>'s: <c>nucleotides</c> int64 (batch, length), A C G T N = 0 1 2 3
/// 4 (any other id counts as N), and <c>attention_mask</c> int64 (batch, length), 1 at the row's positions (N
/// included), 0 at padding. Outputs <c>probabilities</c> and <c>logits</c> float (batch, classes).
/// </summary>
public static class BaselineOnnxExport
{
    /// <summary>Nucleotide ids input (B, L) int64.</summary>
    public const string NucleotidesInput = ClassifierOnnxExport.NucleotidesInput;
    /// <summary>Attention mask input (B, L): 1 at a row's positions, 0 at padding.</summary>
    public const string MaskInput = ClassifierOnnxExport.MaskInput;
    /// <summary>Class probabilities output (B, classes).</summary>
    public const string ProbabilitiesOutput = ClassifierOnnxExport.ProbabilitiesOutput;
    /// <summary>Class logits output (B, classes).</summary>
    public const string LogitsOutput = ClassifierOnnxExport.LogitsOutput;

    /// <summary>
    /// <see cref="OneHotCnn"/> in eval mode: one-hot channels (N all zeros), rows padded to at least
    /// <see cref="OneHotCnnConfig.MinLength"/>, each block's positions past the row's own pooled length zeroed and
    /// −∞ before the global max (<see cref="OneHotBatch.ValidMask"/>), so a row scores the same alone or in a batch.
    /// </summary>
    public static OnnxGraph BuildCnn(OneHotCnn model)
    {
        var config = model.Config;
        var g = new OnnxGraph("vqdna_cnn_baseline");
        var (ids, mask) = Inputs(g, config.MinLength);
        string oneHot;
        using (g.Scope("one_hot"))
        {
            var channels = g.Ints([0, 1, 2, 3], [1, OneHotBatch.Channels, 1]);
            var isBase = g.Node("Equal", [g.Node("Unsqueeze", [ids, g.Ints([1])]), channels]);                        // (B, 4, L)
            var real = g.Node("Unsqueeze", [g.Node("Not", [g.Node("Equal", [mask, g.Scalar(0L)])]), g.Ints([1])]);     // (B, 1, L)
            oneHot = g.Cast(g.Node("And", [isBase, real]), ScalarType.Float32);
        }
        var lengths = g.Node("Unsqueeze", [g.Node("ReduceSum", [mask, g.Ints([1])], OnnxAttribute.Int("keepdims", 0)), g.Ints([1, 2])]);  // (B, 1, 1)
        int pool = config.PoolSize;
        var h = Block(g, g.Conv1d(oneHot, model.conv1, "conv1"), pool);                                                // (B, C, L / p)
        h = g.Node("Mul", [h, g.Cast(Valid(g, h, lengths, pool), ScalarType.Float32)]);
        h = Block(g, g.Conv1d(h, model.conv2, "conv2"), pool);                                                         // (B, C, L / p²)
        var pooled = g.Node("ReduceMax", [g.Node("Where", [g.Node("Not", [Valid(g, h, lengths, (long)pool * pool)]), g.Scalar(float.NegativeInfinity), h])],
            OnnxAttribute.Ints("axes", 2), OnnxAttribute.Int("keepdims", 0));                                       // (B, C); opset 17: axes an attribute
        Outputs(g, g.Linear(pooled, model.classifier, "classifier"), config.NumLabels);
        return g;
    }

    /// <summary>
    /// <see cref="KmerLogisticRegression"/>: each row's overlapping k-mer frequencies (<see cref="KmerFrequencies"/>: a
    /// window over an N or padding is skipped, counts divided by the windows counted, a row without one all zeros),
    /// counted with ScatterElements so memory grows with the row plus 4^k, not their product; then
    /// (x − mean) / std and the linear layer.
    /// </summary>
    public static OnnxGraph BuildKmerLr(KmerLogisticRegression model)
    {
        int k = model.K;
        var g = new OnnxGraph($"vqdna_kmer{k}_lr_baseline");
        var (ids, mask) = Inputs(g, k);
        string frequencies;
        using (g.Scope("kmer_frequencies"))
        {
            var known = g.Node("And", [g.Node("And", [g.Node("GreaterOrEqual", [ids, g.Scalar(0L)]), g.Node("Less", [ids, g.Scalar(4L)])]),
                g.Node("Not", [g.Node("Equal", [mask, g.Scalar(0L)])])]);                                                      // (B, L)
            var bases = g.Node("Where", [known, ids, g.Scalar(0L)]);
            var length = g.Node("Unsqueeze", [g.Node("Gather", [g.Node("Shape", [ids]), g.Scalar(1L)], OnnxAttribute.Int("axis", 0)), g.Ints([0])]);
            var windows = g.Node("Sub", [length, g.Ints([k - 1])]);                                                              // [W], W = L − k + 1 ≥ 1
            string? index = null, valid = null;
            for (int j = 0; j < k; j++)                                                                                          // base j of each window
            {
                var starts = g.Ints([j]);
                var ends = g.Node("Add", [windows, starts]);
                var b = g.Node("Slice", [bases, starts, ends, g.Ints([1])]);                                                     // (B, W)
                var ok = g.Node("Slice", [known, starts, ends, g.Ints([1])]);
                var term = g.Node("Mul", [b, g.Scalar(1L << (2 * (k - 1 - j)))]);                                               // first base most significant
                index = index is null ? term : g.Node("Add", [index, term]);
                valid = valid is null ? ok : g.Node("And", [valid, ok]);
            }
            var counted = g.Cast(valid!, ScalarType.Float32);        // (B, W) 1 per counted window
            var rows = g.Node("Gather", [g.Node("Shape", [ids]), g.Ints([0])], OnnxAttribute.Int("axis", 0));                   // [B]
            var zeros = g.Node("Expand", [g.Scalar(0f), g.Node("Concat", [rows, g.Ints([KmerFrequencies.Dimension(k)])], OnnxAttribute.Int("axis", 0))]);   // (B, 4^k)
            var counts = g.Node("ScatterElements", [zeros, index!, counted], OnnxAttribute.Int("axis", 1), OnnxAttribute.String("reduction", "add"));
            var total = g.Node("ReduceSum", [counted, g.Ints([1])], OnnxAttribute.Int("keepdims", 1));                         // (B, 1)
            frequencies = g.Node("Div", [counts, g.Node("Max", [total, g.Scalar(1f)])]);                                         // (B, 4^k)
        }
        var linear = model.Model;
        string logits;
        using (var scope = torch.NewDisposeScope())
        {
            var mean = g.Initializer("mean", torch.tensor(linear.Mean, [linear.Dimension]));
            var std = g.Initializer("std", torch.tensor(linear.Std, [linear.Dimension]));
            var weight = g.Initializer("linear.weight", torch.tensor(linear.Weight, [linear.Classes, linear.Dimension]));
            var bias = g.Initializer("linear.bias", torch.tensor(linear.Bias, [linear.Classes]));
            var standardized = g.Node("Div", [g.Node("Sub", [frequencies, mean]), std]);
            logits = g.Node("Gemm", [standardized, weight, bias], OnnxAttribute.Int("transB", 1));                                // (B, C)
        }
        Outputs(g, logits, linear.Classes);
        return g;
    }

    /// <summary>The metadata: kind "baseline", which one, its config.json verbatim, the labels, the alphabet, inputs and outputs.</summary>
    /// <param name="kind">The baseline.</param>
    /// <param name="configJson">Its config.json, verbatim.</param>
    /// <param name="labels">Its classes, in order.</param>
    public static OnnxModelInfo Info(BaselineKind kind, string configJson, LabelSet labels)
    {
        int classes = labels.Count;
        var inputs = new Dictionary<string, string>
        {
            [NucleotidesInput] = "int64 (batch, length): nucleotide ids A=0 C=1 G=2 T=3 N=4 (any other id counts as N)",
            [MaskInput] = "int64 (batch, length): 1 at a row's positions (N included), 0 at padding",
        };
        var outputs = new Dictionary<string, string>
        {
            [ProbabilitiesOutput] = $"float32 (batch, {classes}): softmax of the logits, columns in the order of {OnnxMetadataKeys.Labels}",
            [LogitsOutput] = $"float32 (batch, {classes}): the classifier's logits",
        };
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(OnnxMetadataKeys.Kind, "baseline"),
            new(OnnxMetadataKeys.Baseline, kind.Name()),
            new(OnnxMetadataKeys.Version, BuildInfo.Version),
            new(OnnxMetadataKeys.Config, configJson),
            new(OnnxMetadataKeys.Labels, TokenizerOnnxExport.Json(labels.Names)),
            new(OnnxMetadataKeys.Alphabet, "A,C,G,T,N"),
            new(OnnxMetadataKeys.Inputs, TokenizerOnnxExport.Json(inputs)),
            new(OnnxMetadataKeys.Outputs, TokenizerOnnxExport.Json(outputs)),
        };
        string what = kind == BaselineKind.Cnn
            ? "one-hot convolutional network (two Conv1d/ReLU/MaxPool blocks, global max pool, linear)"
            : "k-mer frequencies, standardised, into multinomial logistic regression";
        return new OnnxModelInfo("vqdna", BuildInfo.Version, metadata,
            $"VQDNA classical baseline '{kind.Name()}': {what}, {classes} classes: {string.Join(", ", labels.Names)}; exported by vqdna {BuildInfo.Version}.");
    }

    /// <summary>The two inputs, padded at the end (id 0, mask 0) to at least <paramref name="minLength"/> positions.</summary>
    private static (string Ids, string Mask) Inputs(OnnxGraph g, int minLength)
    {
        var ids = g.Input(NucleotidesInput, ScalarType.Int64, ["batch", "length"], "nucleotide ids 0..4 = A, C, G, T, N; anything at padding");
        var mask = g.Input(MaskInput, ScalarType.Int64, ["batch", "length"], "1 at a row's positions (N included), 0 at padding");
        using var _ = g.Scope("pad");
        var length = g.Node("Gather", [g.Node("Shape", [ids]), g.Scalar(1L)], OnnxAttribute.Int("axis", 0));
        var extra = g.Node("Unsqueeze", [g.Node("Max", [g.Node("Sub", [g.Scalar((long)minLength), length]), g.Scalar(0L)]), g.Ints([0])]);
        var pads = g.Node("Concat", [g.Ints([0, 0, 0]), extra], OnnxAttribute.Int("axis", 0));                               // end of axis 1
        return (g.Node("Pad", [ids, pads]), g.Node("Pad", [mask, pads]));
    }

    /// <summary>ReLU, then non-overlapping max pooling of <paramref name="pool"/> positions (floor, as F.max_pool1d).</summary>
    private static string Block(OnnxGraph g, string conv, int pool) =>
        g.Node("MaxPool", [g.Node("Relu", [conv])], OnnxAttribute.Ints("kernel_shape", pool), OnnxAttribute.Ints("strides", pool));

    /// <summary>(B, 1, P) true at the first clamp(length / stride, 1, P) positions of <paramref name="h"/> (B, C, P).</summary>
    private static string Valid(OnnxGraph g, string h, string lengths, long stride)
    {
        using var _ = g.Scope("valid");
        var positions = g.Node("Gather", [g.Node("Shape", [h]), g.Scalar(2L)], OnnxAttribute.Int("axis", 0));
        var count = g.Node("Max", [g.Node("Min", [g.Node("Div", [lengths, g.Scalar(stride)]), positions]), g.Scalar(1L)]);    // (B, 1, 1)
        var index = g.Node("Unsqueeze", [g.Node("Range", [g.Scalar(0L), positions, g.Scalar(1L)]), g.Ints([0, 1])]);           // (1, 1, P)
        return g.Node("Less", [index, count]);
    }

    private static void Outputs(OnnxGraph g, string logits, int classes)
    {
        var probabilities = g.Node("Softmax", [logits], OnnxAttribute.Int("axis", -1));
        g.Output(probabilities, ProbabilitiesOutput, ScalarType.Float32, ["batch", classes], "class probabilities, in the order of the labels");
        g.Output(logits, LogitsOutput, ScalarType.Float32, ["batch", classes], "class logits");
    }
}
