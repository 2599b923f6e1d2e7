using VqDna.Inputs;
using VqDna.Datasets;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Onnx;

namespace VqDna.Export;

/// <summary>
/// A fine-tuned sequence classifier (<see cref="DnaForSequenceClassification"/>: the ALiBi encoder, mean pooling
/// over real tokens, the head) as an ONNX graph, op for op as its eval-mode forward; LoRA adapters are folded
/// into their Linear layers. Inputs, as the encoder reads them:
///  - hand-made tokenizers (char, k-mer, BPE): <c>input_ids</c> int64 (batch, length), [PAD] = 0 at padding;
///  - learned tokenizers (VQ, HRQ): <c>code_vectors</c> float (batch, length, CodeDim), the frozen tokenizer's
///    embedding per nucleotide (its <c>embedding</c> output; zeros at N), because that is what this encoder was
///    trained on: run the tokenizer's own export first (MODEL_DIR/tokenizer);
/// and <c>attention_mask</c> int64 (batch, length), 1 at real tokens and 0 at padding. Outputs
/// <c>probabilities</c> and <c>logits</c> float (batch, classes), classes in the order of the labels metadata.
/// Inputs longer than the model's MaxLength tokens are cut inside the graph into chunks of MaxLength from each
/// row's start, encoded separately, and their pooled vectors averaged weighted by their real tokens: the mean over
/// every token, exactly what the libtorch path (<c>Inference.SequenceClassifier</c>) does, so both agree at
/// any length.
/// </summary>
public static class ClassifierOnnxExport
{
    /// <summary>Token ids input (B, L) int64, for token-id tokenizers.</summary>
    public const string IdsInput = EncoderOnnxExport.IdsInput;
    /// <summary>Code vectors input (B, L, D) float, for learned tokenizers.</summary>
    public const string VectorsInput = EncoderOnnxExport.VectorsInput;
    /// <summary>Attention mask input (B, L): 1 at real tokens, 0 at padding.</summary>
    public const string MaskInput = EncoderOnnxExport.MaskInput;
    /// <summary>Class probabilities output (B, classes).</summary>
    public const string ProbabilitiesOutput = "probabilities";
    /// <summary>Class logits output (B, classes).</summary>
    public const string LogitsOutput = "logits";
    /// <summary>Pooled sequence representation output (B, width).</summary>
    public const string PooledOutput = "pooled";
    /// <summary>The head graph's input (<see cref="BuildHead"/>): a sequence's pooled encoder output.</summary>
    public const string PooledInput = "pooled";

    /// <summary>The graph of <paramref name="model"/> in eval mode.</summary>
    public static OnnxGraph Build(DnaForSequenceClassification model)
    {
        var g = new OnnxGraph("vqdna_sequence_classifier");
        var (tokens, mask) = EncoderOnnxExport.Inputs(g, model.Config);
        Classify(g, model, tokens, mask);
        return g;
    }

    /// <summary>The input of an end-to-end graph (<see cref="BuildEndToEnd"/>): nucleotide ids.</summary>
    public const string NucleotidesInput = TokenizerOnnxExport.InputName;

    /// <summary>
    /// One graph from nucleotides to probabilities (issue 20, `vqdna export --onnx DIR --end-to-end`): the learned
    /// tokenizer's encoder and quantizers (<see cref="TokenizerOnnxExport.EmbedRuns"/>: each run of known bases as a
    /// whole record, zeros at N, as vqdna feeds the encoder) folded in front of <see cref="Build"/>'s classifier. Inputs
    /// <c>nucleotides</c> int64 (batch, length), A C G T N = 0 1 2 3 4, and <c>attention_mask</c>; same outputs.
    /// </summary>
    public static OnnxGraph BuildEndToEnd(DnaForSequenceClassification model, VqTokenizerModel tokenizer)
    {
        if (model.Config.IdInput || model.Config.InputDim != tokenizer.Config.CodeDim)
            throw new ArgumentException($"the classifier reads {(model.Config.IdInput ? "token ids" : $"{model.Config.InputDim}-dimensional vectors")}, not the {tokenizer.Config.CodeDim}-dimensional codes of this {tokenizer.Config.Kind} tokenizer", nameof(tokenizer));
        var g = new OnnxGraph($"vqdna_{tokenizer.Config.Kind}_sequence_classifier");
        var ids = g.Input(NucleotidesInput, ScalarType.Int64, ["batch", "length"], "nucleotide ids 0..4 = A, C, G, T, N; anything at padding");
        var mask = g.Input(MaskInput, ScalarType.Int64, ["batch", "length"], "1 at real nucleotides (N included), 0 at padding");
        var known = g.Node("And", [g.Node("Less", [ids, g.Scalar((long)(VqTokenizerConfig.Alphabet - 1))]), g.Node("Not", [g.Node("Equal", [mask, g.Scalar(0L)])])]);
        var vectors = TokenizerOnnxExport.EmbedRuns(g, tokenizer, ids, known);                 // (B, L, CodeDim)
        Classify(g, model, vectors, mask);
        return g;
    }

    /// <summary>Chunks, encoder, pooling and head on (tokens, mask), with the outputs probabilities, logits and pooled.</summary>
    private static void Classify(OnnxGraph g, DnaForSequenceClassification model, string tokens, string mask)
    {
        var config = model.Config;
        var chunks = Chunk(g, config, tokens, mask);
        var encoded = EncoderOnnxExport.Encode(g, model.encoder, chunks.Tokens, chunks.Mask);
        var parts = model.Classifier.Pooling.Parts().Select(part => part == SequencePooling.Max      // each (B, D)
            ? CombineMax(g, config, MaxPool(g, encoded.HiddenStates[^1], chunks.Mask), chunks.Count)
            : Combine(g, config, encoded.Pooled, encoded.Count, chunks.Count)).ToList();
        var sequencePooled = parts.Count == 1 ? parts[0] : g.Node("Concat", parts, OnnxAttribute.Int("axis", 1));   // (B, P)
        var logits = Head(g, model, sequencePooled);                                            // (B, C)
        var probabilities = g.Node("Softmax", [logits], OnnxAttribute.Int("axis", -1));
        int classes = model.Classifier.NumLabels;
        g.Output(probabilities, ProbabilitiesOutput, ScalarType.Float32, ["batch", classes], "class probabilities, in the order of the labels");
        g.Output(logits, LogitsOutput, ScalarType.Float32, ["batch", classes], "class logits");
        g.Output(sequencePooled, PooledOutput, ScalarType.Float32, ["batch", model.PooledWidth], PooledDoc(model.Classifier.Pooling) + " of the row, what the head reads");
    }

    /// <summary>
    /// The head alone: <c>pooled</c> float (batch, Width) in, <c>probabilities</c> and <c>logits</c> out. The ONNX
    /// engine runs it after pooling a long record's chunks itself (issue 20: feeding a whole chromosome to
    /// <see cref="Build"/>'s in-graph chunking materialises every chunk's activations at once).
    /// </summary>
    public static OnnxGraph BuildHead(DnaForSequenceClassification model)
    {
        var g = new OnnxGraph("vqdna_sequence_classifier_head");
        var pooled = g.Input(PooledInput, ScalarType.Float32, ["batch", model.PooledWidth], "a sequence's pooled encoder output");
        var logits = Head(g, model, pooled);
        var probabilities = g.Node("Softmax", [logits], OnnxAttribute.Int("axis", -1));
        int classes = model.Classifier.NumLabels;
        g.Output(probabilities, ProbabilitiesOutput, ScalarType.Float32, ["batch", classes], "class probabilities, in the order of the labels");
        g.Output(logits, LogitsOutput, ScalarType.Float32, ["batch", classes], "class logits");
        return g;
    }

    /// <summary>The metadata: tokenizer type and json, special tokens, labels, config, inputs and outputs.</summary>
    /// <param name="network">The classifier.</param>
    /// <param name="inputs">Its tokenizer.</param>
    /// <param name="labels">Its classes, in order.</param>
    /// <param name="endToEnd">Whether the graph is <see cref="BuildEndToEnd"/>'s (nucleotides in).</param>
    public static OnnxModelInfo Info(DnaForSequenceClassification network, SequenceInputs inputs, LabelSet labels, bool endToEnd = false)
    {
        var config = new EncoderModelConfig(EncoderModelConfig.SequenceClassification, network.Config, network.Classifier, BuildInfo.Version);
        var inputDocs = endToEnd
            ? new Dictionary<string, string>
            {
                [NucleotidesInput] = $"int64 (batch, length): nucleotide ids A=0 C=1 G=2 T=3 N=4 (the {inputs.Name} tokenizer runs inside the graph; each run of known bases is tokenized as a whole record, N gets a zero vector)",
                [MaskInput] = "int64 (batch, length): 1 at real nucleotides (N included), 0 at padding",
            }
            : EncoderOnnxExport.InputDocs(network.Config, inputs);
        var outputDocs = new Dictionary<string, string>
        {
            [ProbabilitiesOutput] = $"float32 (batch, {network.Classifier.NumLabels}): softmax of the logits, columns in the order of {OnnxMetadataKeys.Labels}",
            [LogitsOutput] = $"float32 (batch, {network.Classifier.NumLabels}): the head's logits",
            [PooledOutput] = $"float32 (batch, {network.PooledWidth}): {PooledDoc(network.Classifier.Pooling)} (the sequence embedding the head reads)",
        };
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(OnnxMetadataKeys.Kind, endToEnd ? "classifier_end_to_end" : "classifier"),
            new(OnnxMetadataKeys.Version, BuildInfo.Version),
            new(OnnxMetadataKeys.TokenizerType, inputs.Name),
            new(OnnxMetadataKeys.TokenizerJson, EncoderOnnxExport.TokenizerJson(inputs)),
            new(OnnxMetadataKeys.Config, TokenizerOnnxExport.Json(config)),
            new(OnnxMetadataKeys.SpecialTokens, TokenizerOnnxExport.SpecialTokensJson(Tokenizers.SpecialTokens.Default)),
            new(OnnxMetadataKeys.Labels, TokenizerOnnxExport.Json(labels.Names)),
            new(OnnxMetadataKeys.MaxLength, network.Config.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(OnnxMetadataKeys.Inputs, TokenizerOnnxExport.Json(inputDocs)),
            new(OnnxMetadataKeys.Outputs, TokenizerOnnxExport.Json(outputDocs)),
        };
        return new OnnxModelInfo("vqdna", BuildInfo.Version, metadata,
            $"VQDNA fine-tuned sequence classifier over the {inputs.Name} tokenizer ({network.Config.Layers} layers, width {network.Config.Width}, " +
            $"{network.Classifier.NumLabels} classes: {string.Join(", ", labels.Names)}), exported by vqdna {BuildInfo.Version}. Inputs longer than " +
            $"{network.Config.MaxLength} tokens are encoded in chunks of {network.Config.MaxLength} whose pooled vectors are " +
            network.Classifier.Pooling switch
            {
                SequencePooling.Max => "combined by their largest values",
                SequencePooling.MeanMax => "combined half by half (the mean's averaged by token count, the maximum's by their largest values)",
                _ => "averaged by token count",
            } + ", as vqdna does.");
    }

    /// <summary>The input cut into n chunks per row: tokens (B·n, c[, InputDim]) and mask (B·n, c), with n the chunk count per row.</summary>
    private sealed record Chunks(string Tokens, string Mask, string Count);

    /// <summary>
    /// SequenceClassifier's chunks: c = min(T, MaxLength) tokens each, n = ⌈T / c⌉ per row, the last padded (with
    /// [PAD] = 0, zero vectors and mask 0). With T ≤ MaxLength this is the input itself, one chunk per row.
    /// </summary>
    private static Chunks Chunk(OnnxGraph g, EncoderConfig config, string tokens, string mask)
    {
        using var _ = g.Scope("chunk");
        var length = g.Node("Gather", [g.Node("Shape", [mask]), g.Scalar(1L)], OnnxAttribute.Int("axis", 0));          // T
        var size = g.Node("Max", [g.Node("Min", [length, g.Scalar((long)config.MaxLength)]), g.Scalar(1L)]);        // c
        var count = g.Node("Div", [g.Node("Add", [length, g.Node("Sub", [size, g.Scalar(1L)])]), size]);            // n = ⌈T / c⌉
        var extra = g.Node("Unsqueeze", [g.Node("Sub", [g.Node("Mul", [count, size]), length]), g.Ints([0])]);     // [n·c − T]
        var sizeVector = g.Node("Unsqueeze", [size, g.Ints([0])]);
        var maskPads = g.Node("Concat", [g.Ints([0, 0, 0]), extra], OnnxAttribute.Int("axis", 0));                    // end of axis 1
        var chunkedMask = g.Node("Reshape", [g.Node("Pad", [mask, maskPads]), g.Node("Concat", [g.Ints([-1]), sizeVector], OnnxAttribute.Int("axis", 0))]);
        string chunkedTokens;
        if (config.IdInput)
            chunkedTokens = g.Node("Reshape", [g.Node("Pad", [tokens, maskPads]), g.Node("Concat", [g.Ints([-1]), sizeVector], OnnxAttribute.Int("axis", 0))]);
        else
        {
            var vectorPads = g.Node("Concat", [g.Ints([0, 0, 0, 0]), extra, g.Ints([0])], OnnxAttribute.Int("axis", 0));
            var shape = g.Node("Concat", [g.Ints([-1]), sizeVector, g.Ints([config.InputDim])], OnnxAttribute.Int("axis", 0));
            chunkedTokens = g.Node("Reshape", [g.Node("Pad", [tokens, vectorPads]), shape]);
        }
        return new Chunks(chunkedTokens, chunkedMask, count);
    }

    /// <summary>
    /// The chunks' pooled vectors averaged per row, weighted by their real tokens (count / max(row total, 1)), as
    /// SequenceClassifier.Logits: the mean over every token of the row.
    /// </summary>
    private static string Combine(OnnxGraph g, EncoderConfig config, string pooled, string counts, string chunkCount)
    {
        using var _ = g.Scope("combine");
        var n = g.Node("Unsqueeze", [chunkCount, g.Ints([0])]);
        var perRow = g.Node("Reshape", [pooled, g.Node("Concat", [g.Ints([-1]), n, g.Ints([config.Width])], OnnxAttribute.Int("axis", 0))]); // (B, n, D)
        var rowCounts = g.Node("Reshape", [counts, g.Node("Concat", [g.Ints([-1]), n, g.Ints([1])], OnnxAttribute.Int("axis", 0))]);        // (B, n, 1)
        var total = g.Node("ReduceSum", [rowCounts, g.Ints([1])], OnnxAttribute.Int("keepdims", 1));                                          // (B, 1, 1)
        var weights = g.Node("Div", [rowCounts, g.Node("Max", [total, g.Scalar(1f)])]);
        return g.Node("ReduceSum", [g.Node("Mul", [perRow, weights]), g.Ints([1])], OnnxAttribute.Int("keepdims", 0));                       // (B, D)
    }

    /// <summary>What the <c>pooled</c> output holds, in words.</summary>
    private static string PooledDoc(SequencePooling pooling) => pooling switch
    {
        SequencePooling.Max => "the largest value of each feature of the encoder output over every real token",
        SequencePooling.MeanMax => "the encoder output averaged over every real token, then the largest value of each of its features",
        _ => "the encoder output averaged over every real token",
    };

    /// <summary>DnaEncoder.MaxPool per chunk: (B·n, D) the largest over the real tokens, −∞ for a chunk without one (<see cref="CombineMax"/> drops those).</summary>
    private static string MaxPool(OnnxGraph g, string hidden, string mask)
    {
        using var _ = g.Scope("max_pool");
        var padding = g.Node("Unsqueeze", [g.Node("Equal", [mask, g.Scalar(0L)]), g.Ints([-1])]);                            // (B·n, c, 1)
        var filled = g.Node("Where", [padding, g.Scalar(float.NegativeInfinity), hidden]);
        return g.Node("ReduceMax", [filled], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));                 // opset 17: axes an attribute
    }

    /// <summary>
    /// The chunks' max-pooled vectors combined per row by their largest values, as SequenceClassifier under max
    /// pooling: the maximum over every token of the row; zeros for a row without a token (every chunk −∞).
    /// </summary>
    private static string CombineMax(OnnxGraph g, EncoderConfig config, string pooled, string chunkCount)
    {
        using var _ = g.Scope("combine");
        var n = g.Node("Unsqueeze", [chunkCount, g.Ints([0])]);
        var perRow = g.Node("Reshape", [pooled, g.Node("Concat", [g.Ints([-1]), n, g.Ints([config.Width])], OnnxAttribute.Int("axis", 0))]); // (B, n, D)
        var largest = g.Node("ReduceMax", [perRow], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));                          // (B, D)
        var empty = g.Node("IsInf", [largest], OnnxAttribute.Int("detect_positive", 0));
        return g.Node("Where", [empty, g.Scalar(0f), largest]);
    }

    /// <summary>
    /// The head on the pooled vector: a Linear (probe), or dense → tanh → out_proj (dropout is the identity in eval); first,
    /// where the model standardises its pooled vector, (pooled − running mean) × 1/√(running var + eps), BatchNorm1d in eval.
    /// </summary>
    private static string Head(OnnxGraph g, DnaForSequenceClassification model, string pooled)
    {
        const string name = DnaForSequenceClassification.HeadName;
        if (model.pooled_norm is { } norm)
        {
            const string prefix = DnaForSequenceClassification.PooledNormName + ".";
            using var scale = norm.running_var.add(norm.eps).rsqrt();
            var mean = g.Initializer(prefix + "running_mean", norm.running_mean);
            var inverse = g.Initializer(prefix + "inverse_std", scale);
            using (g.Scope(DnaForSequenceClassification.PooledNormName)) pooled = g.Node("Mul", [g.Node("Sub", [pooled, mean]), inverse]);
        }
        if (model.classifier is ClassificationHead head)
        {
            var dense = g.Linear(pooled, head.dense, name + ".dense");
            string activated;
            using (g.Scope(name)) activated = g.Node("Tanh", [dense]);
            return g.Linear(activated, head.out_proj, name + ".out_proj");
        }
        return g.Linear(pooled, model.classifier, name);
    }
}
