namespace VqDna.Export;

/// <summary>
/// The keys of the metadata_props our ONNX files carry (read with ONNX Runtime's
/// ModelMetadata.CustomMetadataMap, or onnx.load(path).metadata_props in Python). Values are text; the
/// ones that hold structures are JSON. A reader that finds no <see cref="Kind"/> did not get a VqDna export.
/// </summary>
public static class OnnxMetadataKeys
{
    /// <summary>"tokenizer" (a learned VQ/HRQ tokenizer), "encoder" (a pre-trained encoder), "classifier" (a fine-tuned sequence classifier), "classifier_end_to_end" (the same with its learned tokenizer folded in: nucleotides in) or "baseline" (a classical baseline from `vqdna baseline`, nucleotides in; <see cref="Baseline"/> says which).</summary>
    public const string Kind = "vqdna.kind";

    /// <summary>Baselines (kind "baseline"): which one, "cnn" or "kmer-lr" (`vqdna baseline --kind`).</summary>
    public const string Baseline = "vqdna.baseline";

    /// <summary>The vqdna version that wrote the file.</summary>
    public const string Version = "vqdna.version";

    /// <summary>The tokenizer: "vq" or "hrq" for learned ones; char, kmer3…kmer6, 6mer or bpe for hand-made ones.</summary>
    public const string TokenizerType = "vqdna.tokenizer_type";

    /// <summary>The tokenizer's tokenizer.json, verbatim (a BPE's vocabulary and merges, a learned tokenizer's levels).</summary>
    public const string TokenizerJson = "vqdna.tokenizer_json";

    /// <summary>The model's config.json, verbatim (the architecture the graph was written from).</summary>
    public const string Config = "vqdna.config";

    /// <summary>JSON object: special token name → id ({"[PAD]": 0, …}).</summary>
    public const string SpecialTokens = "vqdna.special_tokens";

    /// <summary>JSON array of the class labels, in the order of the probability columns.</summary>
    public const string Labels = "vqdna.labels";

    /// <summary>JSON object: input name → what to feed it.</summary>
    public const string Inputs = "vqdna.inputs";

    /// <summary>JSON object: output name → what it holds.</summary>
    public const string Outputs = "vqdna.outputs";

    /// <summary>The nucleotide ids of the input: "A,C,G,T,N" (0…4).</summary>
    public const string Alphabet = "vqdna.alphabet";

    /// <summary>Learned tokenizers: the number of quantizer levels (outputs codes_level1…codes_levelL).</summary>
    public const string Levels = "vqdna.levels";

    /// <summary>Learned tokenizers: how many positions on each side influence one position's code.</summary>
    public const string ReceptiveRadius = "vqdna.receptive_radius";

    /// <summary>Learned tokenizers: the code vqdna writes at N positions (which the model itself never sees).</summary>
    public const string NCode = "vqdna.n_code";

    /// <summary>Learned tokenizers: how near-ties between codes are flagged and what the libtorch path does with them.</summary>
    public const string TieRule = "vqdna.tie_rule";

    /// <summary>Classifiers and encoders: the training context in tokens; longer inputs are encoded in chunks of this many and their pooled vectors averaged (inside the graph, as vqdna's libtorch path does).</summary>
    public const string MaxLength = "vqdna.max_length";
}
