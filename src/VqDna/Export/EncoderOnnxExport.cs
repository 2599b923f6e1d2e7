using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Torch;
using VqDna.Torch.Onnx;

namespace VqDna.Export;

/// <summary>
/// The encoder (<see cref="DnaEncoder"/>: ALiBi self-attention blocks, final LayerNorm) as an ONNX graph, op for op
/// as its eval-mode forward; LoRA adapters are folded into their Linear layers. It is what `vqdna export --onnx` writes
/// for a pre-trained folder (issue 20: users want the encoder's embeddings elsewhere), what `vqdna embed --engine onnx`
/// runs, and the encoder part of <see cref="ClassifierOnnxExport"/>. Inputs as the encoder reads them:
/// <c>input_ids</c> int64 (batch, length) for hand-made tokenizers, or <c>code_vectors</c> float
/// (batch, length, InputDim) for learned ones (the tokenizer's <c>embedding</c> output, zeros at N), and
/// <c>attention_mask</c> int64 (batch, length). Outputs: <c>last_hidden_state</c> (batch, length, Width) after the
/// final LayerNorm; <c>hidden_states_N</c> for N = 0 … Layers − 1, the states after N blocks (Hugging Face's
/// <c>hidden_states[N]</c>, 0 = the embedded input); <c>pooled</c> (batch, Width), the mean of
/// <c>last_hidden_state</c> over real tokens. No chunking inside: ALiBi runs at any length, but vqdna feeds at most
/// the model's context (<c>vqdna.max_length</c>) per row and cuts longer sequences into consecutive chunks.
/// </summary>
public static class EncoderOnnxExport
{
    /// <summary>Token ids input (B, L) int64, for token-id tokenizers.</summary>
    public const string IdsInput = "input_ids";
    /// <summary>Code vectors input (B, L, D) float, for learned tokenizers.</summary>
    public const string VectorsInput = "code_vectors";
    /// <summary>Attention mask input (B, L): 1 at real tokens, 0 at padding.</summary>
    public const string MaskInput = "attention_mask";
    /// <summary>The last layer's hidden states output (B, L, width).</summary>
    public const string LastHiddenStateOutput = "last_hidden_state";
    /// <summary>Pooled sequence representation output (B, width).</summary>
    public const string PooledOutput = "pooled";

    /// <summary>The output holding the states after <paramref name="layer"/> blocks (0 … Layers − 1; Layers is <see cref="LastHiddenStateOutput"/>).</summary>
    public static string HiddenStatesOutput(int layer) => $"hidden_states_{layer}";

    /// <summary>The output that holds <c>hidden_states[layer]</c> (0 … Layers) of an encoder with <paramref name="layers"/> blocks.</summary>
    public static string OutputFor(int layer, int layers) => layer == layers ? LastHiddenStateOutput : HiddenStatesOutput(layer);

    /// <summary>The graph of <paramref name="encoder"/> in eval mode.</summary>
    public static OnnxGraph Build(DnaEncoder encoder)
    {
        var config = encoder.Config;
        var g = new OnnxGraph("vqdna_encoder");
        var (tokens, mask) = Inputs(g, config);
        var encoded = Encode(g, encoder, tokens, mask);
        for (int layer = 0; layer < config.Layers; layer++)
            g.Output(encoded.HiddenStates[layer], HiddenStatesOutput(layer), ScalarType.Float32, ["batch", "length", config.Width],
                layer == 0 ? "the embedded input (hidden_states[0])" : $"the states after {layer} block(s) (hidden_states[{layer}])");
        g.Output(encoded.HiddenStates[config.Layers], LastHiddenStateOutput, ScalarType.Float32, ["batch", "length", config.Width],
            "the last block's states after the final LayerNorm");
        g.Output(encoded.Pooled, PooledOutput, ScalarType.Float32, ["batch", config.Width], "last_hidden_state averaged over the real tokens");
        return g;
    }

    /// <summary>The metadata: kind "encoder", tokenizer type and json, special tokens, config, context, inputs and outputs.</summary>
    public static OnnxModelInfo Info(DnaEncoder encoder, SequenceInputs inputs)
    {
        var c = encoder.Config;
        var config = new EncoderModelConfig(EncoderModelConfig.MaskedModeling, c, null, BuildInfo.Version);
        var outputDocs = new Dictionary<string, string>();
        for (int layer = 0; layer < c.Layers; layer++)
            outputDocs[HiddenStatesOutput(layer)] = $"float32 (batch, length, {c.Width}): the states after {layer} block(s), Hugging Face's hidden_states[{layer}]";
        outputDocs[LastHiddenStateOutput] = $"float32 (batch, length, {c.Width}): the last block's states after the final LayerNorm, hidden_states[{c.Layers}]";
        outputDocs[PooledOutput] = $"float32 (batch, {c.Width}): last_hidden_state averaged over the real tokens (what a classification head reads)";
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(OnnxMetadataKeys.Kind, "encoder"),
            new(OnnxMetadataKeys.Version, BuildInfo.Version),
            new(OnnxMetadataKeys.TokenizerType, inputs.Name),
            new(OnnxMetadataKeys.TokenizerJson, TokenizerJson(inputs)),
            new(OnnxMetadataKeys.Config, TokenizerOnnxExport.Json(config)),
            new(OnnxMetadataKeys.SpecialTokens, TokenizerOnnxExport.SpecialTokensJson(Tokenizers.SpecialTokens.Default)),
            new(OnnxMetadataKeys.MaxLength, c.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(OnnxMetadataKeys.Inputs, TokenizerOnnxExport.Json(InputDocs(c, inputs))),
            new(OnnxMetadataKeys.Outputs, TokenizerOnnxExport.Json(outputDocs)),
        };
        return new OnnxModelInfo("vqdna", BuildInfo.Version, metadata,
            $"VQDNA pre-trained encoder over the {inputs.Name} tokenizer ({c.Layers} layers, width {c.Width}, context {c.MaxLength} tokens), exported by vqdna {BuildInfo.Version}. " +
            $"Feed at most {c.MaxLength} tokens per row: vqdna encodes longer sequences in consecutive chunks of {c.MaxLength}.");
    }

    /// <summary>What each input holds, for the metadata.</summary>
    internal static Dictionary<string, string> InputDocs(EncoderConfig config, SequenceInputs inputs) => new()
    {
        [config.IdInput ? IdsInput : VectorsInput] = config.IdInput
            ? $"int64 (batch, length): the {inputs.Name} tokenizer's ids (tokenizer_json), without [CLS]/[SEP], [PAD] = 0 at padding"
            : $"float32 (batch, length, {config.InputDim}): the {inputs.Name} tokenizer's embedding output for each nucleotide (zeros at N); export MODEL_DIR/{EncoderFolder.LearnedTokenizerFolder} for it",
        [MaskInput] = "int64 (batch, length): 1 at real tokens, 0 at padding",
    };

    /// <summary>Declares the encoder's inputs on <paramref name="g"/>: the tokens (ids or code vectors) and the attention mask.</summary>
    internal static (string Tokens, string Mask) Inputs(OnnxGraph g, EncoderConfig config)
    {
        string tokens = config.IdInput
            ? g.Input(IdsInput, ScalarType.Int64, ["batch", "length"], "token ids, [PAD] = 0 at padding")
            : g.Input(VectorsInput, ScalarType.Float32, ["batch", "length", config.InputDim], "the learned tokenizer's embedding per nucleotide");
        var mask = g.Input(MaskInput, ScalarType.Int64, ["batch", "length"], "1 at real tokens, 0 at padding");
        return (tokens, mask);
    }

    /// <summary>The encoder's values in a graph: hidden_states[0 … Layers] (B, T, D), the pooled mean (B, D) and the real-token count (B, 1).</summary>
    internal sealed record Encoded(IReadOnlyList<string> HiddenStates, string Pooled, string Count);

    /// <summary>DnaEncoder.Forward in eval mode, every layer's states kept, and MeanPool over the real tokens.</summary>
    internal static Encoded Encode(OnnxGraph g, DnaEncoder encoder, string tokens, string mask)
    {
        var config = encoder.Config;
        var keep = g.Node("Not", [g.Node("Equal", [mask, g.Scalar(0L)])]);                     // (B, T) bool, as mask.ne(0)
        var embedded = config.IdInput
            ? g.Embedding(tokens, encoder.token_embedding!, "encoder.token_embedding")
            : g.Linear(tokens, encoder.input_projection!, "encoder.input_projection");           // (B, T, D)
        var bias = AttentionBias(g, config, keep);                                               // (B, H, T, T)
        var states = new List<string> { embedded };                                             // dropout: identity in eval
        for (int i = 0; i < encoder.layers.Count; i++) states.Add(Layer(g, encoder.layers[i], config, states[^1], bias, $"encoder.layers.{i}"));
        var hidden = g.LayerNorm(states[^1], encoder.final_norm, "encoder.final_norm");         // (B, T, D)
        states[^1] = hidden;
        using var _ = g.Scope("pool");
        var weights = g.Node("Unsqueeze", [g.Cast(keep, ScalarType.Float32), g.Ints([-1])]); // (B, T, 1)
        var sum = g.Node("ReduceSum", [g.Node("Mul", [hidden, weights]), g.Ints([1])], OnnxAttribute.Int("keepdims", 0));          // (B, D)
        var count = g.Node("ReduceSum", [weights, g.Ints([1])], OnnxAttribute.Int("keepdims", 0));                              // (B, 1)
        return new Encoded(states, g.Node("Div", [sum, g.Node("Max", [count, g.Scalar(1f)])]), count);  // sum / clamp(count, min 1)
    }

    /// <summary>The tokenizer.json the model was trained with, as text (a learned tokenizer's describes its levels).</summary>
    internal static string TokenizerJson(SequenceInputs inputs)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"vqdna-tokenizer-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            switch (inputs)
            {
                case TokenIdInputs idInputs:
                    idInputs.Tokenizer.Save(temp);
                    return File.ReadAllText(temp).Trim();
                case CodeVectorInputs codes:
                    return TokenizerOnnxExport.Json(LearnedTokenizerInfo.For(codes.Tokenizer.Config));
                default:
                    throw new ArgumentException($"unknown inputs {inputs.GetType().Name}", nameof(inputs));
            }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>ALiBi −m_h·|i − j| (H, T, T) plus float32's lowest at padded keys (B, 1, 1, T), as DnaEncoder.AttentionBias.</summary>
    private static string AttentionBias(OnnxGraph g, EncoderConfig config, string keep)
    {
        using var _ = g.Scope("alibi");
        var length = g.Node("Gather", [g.Node("Shape", [keep]), g.Scalar(1L)], OnnxAttribute.Int("axis", 0));   // T
        var range = g.Cast(g.Node("Range", [g.Scalar(0L), length, g.Scalar(1L)]), ScalarType.Float32);
        var queries = g.Node("Unsqueeze", [range, g.Ints([1])]);                                 // (T, 1)
        var keys = g.Node("Unsqueeze", [range, g.Ints([0])]);                                    // (1, S)
        var distance = g.Node("Abs", [g.Node("Sub", [keys, queries])]);                          // |i − j|
        var slopes = g.Floats(Alibi.Slopes(config.Heads).Select(s => (float)s).ToArray(), [config.Heads, 1, 1]);
        var alibi = g.Node("Neg", [g.Node("Mul", [slopes, distance])]);                          // (H, T, S)
        var padded = g.Node("Unsqueeze", [g.Node("Not", [keep]), g.Ints([1, 2])]);              // (B, 1, 1, S)
        var padding = g.Node("Where", [padded, g.Scalar((float)DnaEncoder.PaddingBias), g.Scalar(0f)]);
        return g.Node("Add", [alibi, padding]);                                                  // (B, H, T, S)
    }

    /// <summary>EncoderLayer.Forward: h = x + Attn(LN(x)); h + MLP(LN(h)).</summary>
    private static string Layer(OnnxGraph g, EncoderLayer layer, EncoderConfig config, string x, string bias, string name)
    {
        var normed = g.LayerNorm(x, layer.attention_norm, name + ".attention_norm");
        var attended = Attention(g, layer.attention, config, normed, bias, name + ".attention");
        string h;
        using (g.Scope(name)) h = g.Node("Add", [x, attended]);
        var normed2 = g.LayerNorm(h, layer.mlp_norm, name + ".mlp_norm");
        var hidden = g.Gelu(g.Linear(normed2, layer.mlp.fc1, name + ".mlp.fc1"));
        var transformed = g.Linear(hidden, layer.mlp.fc2, name + ".mlp.fc2");
        using (g.Scope(name)) return g.Node("Add", [h, transformed]);
    }

    /// <summary>SelfAttention.Forward: softmax(q kᵀ/√hd + bias) v over H heads, then the output projection.</summary>
    private static string Attention(OnnxGraph g, SelfAttention attention, EncoderConfig config, string x, string bias, string name)
    {
        long heads = config.Heads, headDim = config.Width / config.Heads;
        var q = g.Linear(x, attention.query, name + ".query");
        var k = g.Linear(x, attention.key, name + ".key");
        var v = g.Linear(x, attention.value, name + ".value");
        using var _ = g.Scope(name);
        var split = g.Ints([0, 0, heads, headDim]);                                              // (B, T, H, hd)
        var queries = g.Node("Transpose", [g.Node("Reshape", [q, split])], OnnxAttribute.Ints("perm", 0, 2, 1, 3)); // (B, H, T, hd)
        var keysT = g.Node("Transpose", [g.Node("Reshape", [k, split])], OnnxAttribute.Ints("perm", 0, 2, 3, 1));   // (B, H, hd, S)
        var values = g.Node("Transpose", [g.Node("Reshape", [v, split])], OnnxAttribute.Ints("perm", 0, 2, 1, 3));  // (B, H, S, hd)
        var scores = g.Node("Add", [g.Node("Mul", [g.Node("MatMul", [queries, keysT]), g.Scalar((float)(1 / Math.Sqrt(headDim)))]), bias]);
        var weights = g.Node("Softmax", [scores], OnnxAttribute.Int("axis", -1));
        var attended = g.Node("MatMul", [weights, values]);                                     // (B, H, T, hd)
        var merged = g.Node("Reshape", [g.Node("Transpose", [attended], OnnxAttribute.Ints("perm", 0, 2, 1, 3)), g.Ints([0, 0, config.Width])]); // (B, T, D)
        return g.Linear(merged, attention.output, name + ".output");
    }
}
