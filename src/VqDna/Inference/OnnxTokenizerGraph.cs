namespace VqDna.Inference;

/// <summary>The names of the exported tokenizer graph's input and outputs (the exporter's contract).</summary>
internal static class OnnxTokenizerGraph
{
    public const string Input = "nucleotides";
    public const string EmbeddingOutput = "embedding";
    public static string CodesOutput(int level) => $"codes_level{level}";
    public static string MarginOutput(int level) => $"margin_level{level}";
    public static string NearTieOutput(int level) => $"near_tie_level{level}";
}
