using System.Text.Json;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Quantization;
using VqDna.Tokenizers;
using VqDna.Tokenizers.Learned;
using VqDna.Torch;
using VqDna.Torch.Onnx;

namespace VqDna.Export;

/// <summary>
/// A learned tokenizer (VQ or HRQ) as an ONNX graph: the encoder and quantizers of
/// <see cref="VqTokenizerModel.Encode"/>, op for op, from nucleotide ids to codes per level and the embedding.
/// Input <c>nucleotides</c> int64 (batch, length), ids 0…4 for A, C, G, T, N, any batch and length; no
/// windowing and no N handling inside: the caller cuts windows and runs of known bases as
/// <see cref="LearnedTokenizer"/> does. Outputs per level n: <c>codes_level{n}</c> int64 (batch, length);
/// <c>margin_level{n}</c> float (batch, length), the runner-up's squared distance minus the best's;
/// <c>near_tie_level{n}</c> bool (batch, length), true where that margin is within the float32 error bound
/// under which our libtorch path decides the code again in float64 (<see cref="VectorQuantizer.NearestCodes"/>).
/// ONNX has no float64 re-decision, so there the two engines may pick different codes of (nearly) equal
/// distance: count those positions rather than calling them differences. And <c>embedding</c> float
/// (batch, length, CodeDim), the mean of the levels' quantized vectors.
/// </summary>
public static class TokenizerOnnxExport
{
    /// <summary>Nucleotide ids input (B, L) int64.</summary>
    public const string InputName = "nucleotides";
    /// <summary>The tokenizer embedding output (B, L, code dim).</summary>
    public const string EmbeddingOutput = "embedding";

    /// <summary>The codes output of level <paramref name="level"/> (1-based, coarse to fine).</summary>
    public static string CodesOutput(int level) => $"codes_level{level}";

    /// <summary>The margin output of level <paramref name="level"/>: second-best minus best squared distance.</summary>
    public static string MarginOutput(int level) => $"margin_level{level}";

    /// <summary>The near-tie flag output of level <paramref name="level"/>.</summary>
    public static string NearTieOutput(int level) => $"near_tie_level{level}";

    /// <summary>Loads the tokenizer folder <paramref name="directory"/> and writes it to <paramref name="path"/>; returns the bytes written.</summary>
    public static long Export(string directory, string path)
    {
        using var model = VqTokenizerFolder.Load(directory);
        return Export(model, path);
    }

    /// <summary>Writes <paramref name="model"/> (in eval mode) to <paramref name="path"/>, atomically; returns the bytes written.</summary>
    public static long Export(VqTokenizerModel model, string path) => OnnxModelWriter.Save(Build(model), Info(model), path);

    /// <summary>The graph of <paramref name="model"/>'s encoder and quantizers.</summary>
    public static OnnxGraph Build(VqTokenizerModel model)
    {
        var c = model.Config;
        var g = new OnnxGraph($"vqdna_{c.Kind}_tokenizer");
        var ids = g.Input(InputName, ScalarType.Int64, ["batch", "length"], "nucleotide ids 0..4 = A, C, G, T, N");
        var positions = g.Node("Shape", [ids]);                                        // [B, L]
        var oneHot = g.Node("OneHot", [ids, g.Scalar((long)VqTokenizerConfig.Alphabet), g.Floats([0f, 1f])], OnnxAttribute.Int("axis", -1)); // (B, L, 5)
        var (levels, mean) = Encode(g, model, oneHot, keep: null);
        for (int level = 1; level <= levels.Count; level++)
        {
            var result = levels[level - 1];
            g.Output(g.Node("Reshape", [result.Indices, positions]), CodesOutput(level), ScalarType.Int64, ["batch", "length"],
                $"level {level} code per nucleotide, 0..{c.LevelCodebookSize(level) - 1}");
            g.Output(g.Node("Reshape", [result.Margin, positions]), MarginOutput(level), ScalarType.Float32, ["batch", "length"],
                "runner-up minus best squared distance (float32)");
            g.Output(g.Node("Reshape", [result.NearTie, positions]), NearTieOutput(level), ScalarType.Bool, ["batch", "length"],
                "margin within the float32 error bound: the libtorch path re-decides these codes in float64");
        }

        var embeddingShape = g.Node("Concat", [positions, g.Ints([c.CodeDim])], OnnxAttribute.Int("axis", 0));
        g.Output(g.Node("Reshape", [mean, embeddingShape]), EmbeddingOutput, ScalarType.Float32, ["batch", "length", c.CodeDim],
            "tokenizer embedding: mean of the levels' quantized vectors");
        return g;
    }

    /// <summary>
    /// The tokenizer's embedding (B, L, CodeDim) of <paramref name="ids"/> for a graph that folds it into a model
    /// (`vqdna export --end-to-end`), as vqdna computes it: each run of known bases (<paramref name="known"/>, bool
    /// (B, L): false at N and padding) encoded as if it were a whole record, and zeros where not known. The runs are
    /// scattered apart, each followed by a gap of zeros at least as wide as any convolution reaches, every
    /// convolution's input is zeroed outside the runs (what its zero padding sees at a record's ends), and the result
    /// gathered back: exact, whatever the length of the N runs between known bases.
    /// </summary>
    public static string EmbedRuns(OnnxGraph g, VqTokenizerModel model, string ids, string known)
    {
        var c = model.Config;
        long gap = Math.Max(model.stem.padding, model.encoder.Select(b => b.dwconv.padding).DefaultIfEmpty(0).Max());
        string layout, keep, gather, knownF;
        using (g.Scope("runs"))
        {
            var shape = g.Node("Shape", [ids]);                                                      // [B, L]
            var batch = g.Node("Gather", [shape, g.Scalar(0L)], OnnxAttribute.Int("axis", 0));
            var length = g.Node("Gather", [shape, g.Scalar(1L)], OnnxAttribute.Int("axis", 0));
            knownF = g.Cast(known, ScalarType.Float32);
            var unknown = g.Cast(g.Node("Not", [known]), ScalarType.Int64);
            var run = g.Node("CumSum", [unknown, g.Scalar(1L)]);                                     // (B, L): unknown positions so far
            var index = g.Node("Range", [g.Scalar(0L), length, g.Scalar(1L)]);                       // (L)
            var moved = g.Node("Add", [index, g.Node("Mul", [run, g.Scalar(gap)])]);                // p(i) = i + gap·run(i), strictly increasing
            var wide = g.Node("Add", [length, g.Node("Mul", [g.Node("Add", [g.Node("ReduceMax", [run], OnnxAttribute.Int("keepdims", 0)), g.Scalar(1L)]), g.Scalar(gap)])]);
            var rows = g.Node("Expand", [g.Node("Unsqueeze", [g.Node("Range", [g.Scalar(0L), batch, g.Scalar(1L)]), g.Ints([1])]), shape]); // (B, L): b
            var scatter = g.Node("Concat", [g.Node("Unsqueeze", [rows, g.Ints([-1])]), g.Node("Unsqueeze", [moved, g.Ints([-1])])], OnnxAttribute.Int("axis", -1)); // (B, L, 2)
            gather = g.Node("Unsqueeze", [moved, g.Ints([-1])]);                                    // (B, L, 1)
            var expanded = g.Node("Concat", [g.Node("Unsqueeze", [batch, g.Ints([0])]), g.Node("Unsqueeze", [wide, g.Ints([0])])], OnnxAttribute.Int("axis", 0)); // [B, L']
            var oneHot = g.Node("Mul", [g.Node("OneHot", [ids, g.Scalar((long)VqTokenizerConfig.Alphabet), g.Floats([0f, 1f])], OnnxAttribute.Int("axis", -1)),
                g.Node("Unsqueeze", [knownF, g.Ints([-1])])]);                                      // (B, L, 5), zero rows where not known
            var zeros5 = g.Node("Expand", [g.Scalar(0f), g.Node("Concat", [expanded, g.Ints([VqTokenizerConfig.Alphabet])], OnnxAttribute.Int("axis", 0))]);
            layout = g.Node("ScatterND", [zeros5, scatter, oneHot]);                                 // (B, L', 5)
            var zeros1 = g.Node("Expand", [g.Scalar(0f), g.Node("Concat", [expanded, g.Ints([1])], OnnxAttribute.Int("axis", 0))]);
            keep = g.Node("ScatterND", [zeros1, scatter, g.Node("Unsqueeze", [knownF, g.Ints([-1])])]); // (B, L', 1)
            var (_, mean) = Encode(g, model, layout, keep);                                // (B·L', D)
            var spread = g.Node("Reshape", [mean, g.Node("Concat", [expanded, g.Ints([c.CodeDim])], OnnxAttribute.Int("axis", 0))]); // (B, L', D)
            var back = g.Node("GatherND", [spread, gather], OnnxAttribute.Int("batch_dims", 1));    // (B, L, D)
            return g.Node("Mul", [back, g.Node("Unsqueeze", [knownF, g.Ints([-1])])]);             // zeros at N, as CodeVectorInputs
        }
    }

    /// <summary>
    /// VqTokenizerModel.Encode on a one-hot input (B, L, 5):
    /// stem, blocks and the quantizers at their blocks; each convolution's input multiplied by <paramref name="keep"/>
    /// (B, L, 1) when given. Returns each level's quantizer values over the B·L rows and the embedding, the mean of the
    /// levels' quantized vectors (B·L, CodeDim).
    /// </summary>
    private static (List<QuantizedLevel> Levels, string Embedding) Encode(OnnxGraph g, VqTokenizerModel model, string oneHot, string? keep)
    {
        var c = model.Config;
        c.RequireOneCodePerBase("the ONNX export");
        // stem Conv1d → LayerNorm → GELU, as Encode
        var channelsFirst = g.Node("Transpose", [oneHot], OnnxAttribute.Ints("perm", 0, 2, 1));       // (B, 5, L)
        var stemmed = g.Conv1d(channelsFirst, model.stem, "stem");
        var channelsLast = g.Node("Transpose", [stemmed], OnnxAttribute.Ints("perm", 0, 2, 1));       // (B, L, W)
        var x = g.Gelu(g.LayerNorm(channelsLast, model.stem_norm, "stem_norm"));

        var levels = new List<QuantizedLevel>();
        string? previousCode = null;                                                  // e(M(n−1)), (B·L, D)
        for (int block = 1; block <= c.Blocks; block++)
        {
            x = Block(g, x, model.encoder[block - 1], $"encoder.{block - 1}", keep);
            if (levels.Count >= c.Levels || block != c.LevelBlock(levels.Count + 1)) continue;
            int level = levels.Count;
            var projected = g.Linear(x, model.to_code[level], $"to_code.{level}");     // Z(n), (B, L, D)
            var z = g.Node("Reshape", [projected, g.Ints([-1, c.CodeDim])]);          // (B·L, D)
            var h = previousCode is null ? z : g.Node("Sub", [g.Node("Mul", [z, g.Scalar(2f)]), previousCode]); // H(n) = 2 Z(n) − e(M(n−1))
            var result = Quantize(g, h, model.Quantizers[level], $"quantizers.{level}");
            levels.Add(result);
            previousCode = result.Codes;
        }

        // embedding = mean over levels of the quantized vectors, as stack(levels).mean(0)
        var quantized = levels.Select(l => l.Quantized).ToList();
        var sum = quantized.Count == 1 ? quantized[0] : g.Node("Sum", quantized);
        return (levels, g.Node("Div", [sum, g.Scalar((float)quantized.Count)]));
    }

    /// <summary>The metadata: tokenizer type and json, config, special tokens, what each input and output holds.</summary>
    public static OnnxModelInfo Info(VqTokenizerModel model)
    {
        var c = model.Config;
        var outputs = new Dictionary<string, string>();
        for (int level = 1; level <= c.Levels; level++)
        {
            outputs[CodesOutput(level)] = $"int64 (batch, length): the level-{level} code of each nucleotide, 0..{c.LevelCodebookSize(level) - 1} (coarse to fine)";
            outputs[MarginOutput(level)] = "float32 (batch, length): squared distance to the runner-up code minus to the chosen one (≥ 0)";
            outputs[NearTieOutput(level)] = "bool (batch, length): margin within the float32 error bound; vqdna's libtorch path decides these again in float64, so codes there may differ between engines";
        }
        outputs[EmbeddingOutput] = $"float32 (batch, length, {c.CodeDim}): the tokenizer embedding, the mean of the levels' quantized vectors (what a language model over this tokenizer reads)";
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(OnnxMetadataKeys.Kind, "tokenizer"),
            new(OnnxMetadataKeys.Version, BuildInfo.Version),
            new(OnnxMetadataKeys.TokenizerType, c.Kind),
            new(OnnxMetadataKeys.TokenizerJson, Json(LearnedTokenizerInfo.For(c))),
            new(OnnxMetadataKeys.Config, Json(c)),
            new(OnnxMetadataKeys.SpecialTokens, SpecialTokensJson(SpecialTokens.Default)),
            new(OnnxMetadataKeys.Alphabet, "A,C,G,T,N"),
            new(OnnxMetadataKeys.Levels, c.Levels.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(OnnxMetadataKeys.ReceptiveRadius, c.ReceptiveRadius.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(OnnxMetadataKeys.NCode, LearnedTokenizer.NCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(OnnxMetadataKeys.Inputs, Json(new Dictionary<string, string>
            {
                [InputName] = "int64 (batch, length): nucleotide ids A=0 C=1 G=2 T=3 N=4. vqdna cuts records at runs of N and tokenizes each run of known bases " +
                              $"in windows overlapping by the receptive radius ({c.ReceptiveRadius}) on each side, writing code {LearnedTokenizer.NCode} at N",
            })),
            new(OnnxMetadataKeys.Outputs, Json(outputs)),
            new(OnnxMetadataKeys.TieRule,
                "near_tie = margin <= (|h|^2 + max_k |c_k|^2) * 8 * dim / 2^24 + 1e-30, h the quantizer input, dim its size: the float32 error bound " +
                "of the distances. vqdna's libtorch path re-decides those positions by float64 distances (lowest index on an exact tie); this graph keeps " +
                "the float32 argmin (lowest index on an exact tie)"),
        };
        return new OnnxModelInfo("vqdna", BuildInfo.Version, metadata,
            $"VQDNA learned DNA tokenizer ({c.Kind}, {c.Levels} level(s), codebooks {string.Join("/", Enumerable.Range(1, c.Levels).Select(c.LevelCodebookSize))}, code dim {c.CodeDim}), exported by vqdna {BuildInfo.Version}");
    }

    /// <summary>The special tokens as a JSON object, name → id.</summary>
    public static string SpecialTokensJson(SpecialTokens special) =>
        Json(new Dictionary<string, int>
        {
            [SpecialTokens.PadToken] = special.Pad,
            [SpecialTokens.UnkToken] = special.Unk,
            [SpecialTokens.ClsToken] = special.Cls,
            [SpecialTokens.SepToken] = special.Sep,
            [SpecialTokens.MaskToken] = special.Mask,
        });

    /// <summary>One value as our files write JSON (snake_case keys), on one line.</summary>
    internal static string Json<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonFiles.Options) { WriteIndented = false });

    /// <summary>ConvNeXtBlock1d.Forward: x + pwconv2(GELU(pwconv1(LN(dwconv(x))))), on (B, L, C); the dwconv's input times <paramref name="keep"/> when given.</summary>
    private static string Block(OnnxGraph g, string x, ConvNeXtBlock1d block, string name, string? keep)
    {
        var input = keep is null ? x : g.Node("Mul", [x, keep]);
        var channelsFirst = g.Node("Transpose", [input], OnnxAttribute.Ints("perm", 0, 2, 1));        // (B, C, L)
        var mixed = g.Conv1d(channelsFirst, block.dwconv, name + ".dwconv");
        var channelsLast = g.Node("Transpose", [mixed], OnnxAttribute.Ints("perm", 0, 2, 1));         // (B, L, C)
        var normed = g.LayerNorm(channelsLast, block.norm, name + ".norm");
        var hidden = g.Gelu(g.Linear(normed, block.pwconv1, name + ".pwconv1"));                     // (B, L, 4C)
        var projected = g.Linear(hidden, block.pwconv2, name + ".pwconv2");                          // (B, L, C)
        using var _ = g.Scope(name);
        return g.Node("Add", [x, projected]);
    }

    /// <summary>The names a quantizer's nodes produce, each over the B·L rows.</summary>
    private sealed record QuantizedLevel(string Indices, string Margin, string NearTie, string Quantized, string Codes);

    /// <summary>
    /// VectorQuantizer.Forward in eval mode on h (N, D): optional projection into the lookup space, optional
    /// normalisation, nearest code by ‖x‖² − 2 x cᵀ + ‖c‖² (<see cref="VectorQuantizer.SquaredDistances"/>), and the
    /// straight-through output x + (e − x), projected back.
    /// </summary>
    private static QuantizedLevel Quantize(OnnxGraph g, string h, VectorQuantizer quantizer, string name)
    {
        using var scope = torch.NewDisposeScope();
        var embed = quantizer.embed;                                                  // (K, d)
        var low = quantizer.project_in is null ? h : g.Linear(h, quantizer.project_in, name + ".project_in");
        var codebook = g.Initializer(name + ".embed", embed);
        // ‖c‖² as NearestCodes computes it, once; and the largest, for the error bound
        var cSquared = (embed * embed).sum(1).unsqueeze(0);                          // (1, K)
        double cMax = (embed * embed).sum(1).max().item<double>();
        var codeNorms = g.Initializer(name + ".embed_squared_norms", cSquared);
        using var _ = g.Scope(name);
        var x = quantizer.Config.Cosine ? Normalize(g, low) : low;
        var xSquared = g.Node("ReduceSum", [g.Node("Mul", [x, x]), g.Ints([1])], OnnxAttribute.Int("keepdims", 1)); // (N, 1)
        var crossTerm = g.Node("Gemm", [x, codebook, codeNorms],                        // ‖c‖² − 2 x cᵀ, as addmm
            OnnxAttribute.Float("alpha", -2f), OnnxAttribute.Float("beta", 1f), OnnxAttribute.Int("transB", 1));
        var distances = g.Node("Add", [crossTerm, xSquared]);                           // (N, K)
        var top = g.Node("TopK", [distances, g.Ints([2])], 2,                           // best and runner-up, lowest index first on a tie
            OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("largest", 0), OnnxAttribute.Int("sorted", 1));
        var best = g.Node("Gather", [top[0], g.Scalar(0L)], OnnxAttribute.Int("axis", 1));                   // (N)
        var runnerUp = g.Node("Gather", [top[0], g.Scalar(1L)], OnnxAttribute.Int("axis", 1));
        var indices = g.Node("Gather", [top[1], g.Scalar(0L)], OnnxAttribute.Int("axis", 1));                // M = argmin_k
        var margin = g.Node("Sub", [runnerUp, best]);
        // The float32 error bound of NearestCodes: (‖x‖² + max‖c‖²)·8·d/2^24 + 1e-30
        long d = embed.size(1);
        var norms = g.Node("Squeeze", [xSquared, g.Ints([1])]);
        var slack = g.Node("Add", [g.Node("Mul", [g.Node("Add", [norms, g.Scalar((float)cMax)]), g.Scalar((float)(8.0 * d / (1 << 24)))]), g.Scalar(1e-30f)]);
        var nearTie = g.Node("LessOrEqual", [margin, slack]);
        var codes = g.Node("Gather", [codebook, indices], OnnxAttribute.Int("axis", 0));                   // e_M, (N, d)
        var delta = g.Node("Sub", [codes, x]);
        var quantized = g.Node("Add", [x, delta]);                                                          // x + (e − x): the straight-through forward
        if (quantizer.project_out is null) return new QuantizedLevel(indices, margin, nearTie, quantized, codes);
        var back = g.Linear(quantized, quantizer.project_out, name + ".project_out");
        var codesBack = g.Linear(codes, quantizer.project_out, name + ".project_out");
        return new QuantizedLevel(indices, margin, nearTie, back, codesBack);
    }

    /// <summary>x / max(‖x‖₂, 1e-12) over the last axis, as the quantizer's cosine mode.</summary>
    private static string Normalize(OnnxGraph g, string x)
    {
        var norms = g.Node("ReduceL2", [x], OnnxAttribute.Ints("axes", -1), OnnxAttribute.Int("keepdims", 1));
        var clamped = g.Node("Max", [norms, g.Scalar(1e-12f)]);
        return g.Node("Div", [x, clamped]);
    }
}
