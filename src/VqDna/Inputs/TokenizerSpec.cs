using System.Text.RegularExpressions;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers;
using VqDna.Tokenizers.Bpe;
using VqDna.Tokenizers.Learned;

namespace VqDna.Inputs;

/// <summary>
/// A tokenizer as a user names it on the command line: <c>char</c>, <c>kmer3</c>…<c>kmer6</c> (overlapping,
/// DNABERT), <c>6mer</c> (non-overlapping, Nucleotide Transformer), <c>bpe</c> or <c>bpe:VOCAB</c> (trained
/// on the corpus, DNABERT-2's 4096 by default), or a folder / tokenizer.json path (BPE files and learned
/// VQ/HRQ folders included).
/// </summary>
public sealed partial record TokenizerSpec(string Kind, int K = 0, int BpeVocab = 0, string? Path = null)
{
    /// <summary>DNABERT-2's BPE vocabulary.</summary>
    public const int DefaultBpeVocab = BpeTrainerConfig.DefaultVocabSize;

    /// <summary>The accepted forms, for help texts and errors.</summary>
    public const string Help = "char | kmer3..kmer6 | 6mer | bpe[:VOCAB] | PATH (a tokenizer.json or a learned tokenizer folder)";

    /// <summary>True when building needs training text (BPE without a file).</summary>
    public bool NeedsTraining => Kind == "bpe";

    /// <summary>The label in tables.</summary>
    public string Name => Kind switch
    {
        "kmer" => $"kmer{K}",
        "bpe" => BpeVocab == DefaultBpeVocab ? "bpe" : $"bpe{BpeVocab}",
        "path" => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path!)),
        _ => Kind,
    };

    /// <summary>Reads a tokenizer name or path; an unknown name or a bad k or vocabulary size is an error naming it.</summary>
    public static TokenizerSpec Parse(string text)
    {
        text = text.Trim();
        if (text == "char") return new("char");
        if (text == "6mer") return new("6mer", K: 6);
        if (KmerPattern().Match(text) is { Success: true } kmer)
        {
            int k = int.Parse(kmer.Groups[1].Value);
            if (k is < KmerTokenizer.MinK or > KmerTokenizer.MaxK)
                throw new ArgumentException($"tokenizer '{text}': k must be {KmerTokenizer.MinK} to {KmerTokenizer.MaxK}");
            return new("kmer", K: k);
        }
        if (BpePattern().Match(text) is { Success: true } bpe)
        {
            int vocab = bpe.Groups[1].Success ? int.Parse(bpe.Groups[1].Value) : DefaultBpeVocab;
            if (vocab < SpecialTokens.Count + 5) throw new ArgumentException($"tokenizer '{text}': a BPE vocabulary needs more than {SpecialTokens.Count + 4} entries");
            return new("bpe", BpeVocab: vocab);
        }
        if (Directory.Exists(text) || File.Exists(text)) return new("path", Path: text);
        throw new ArgumentException($"unknown tokenizer '{text}': expected {Help}");
    }

    /// <summary>
    /// Builds the encoder inputs. BPE is trained on <paramref name="trainingText"/> (the corpus's training part)
    /// when no file was given; <paramref name="learnedWindow"/> sets a learned tokenizer's inference window.
    /// </summary>
    public SequenceInputs Build(Func<IEnumerable<string>>? trainingText = null, int learnedWindow = VqTokenizerConfig.DefaultInferenceWindow)
    {
        switch (Kind)
        {
            case "char": return new TokenIdInputs(new CharTokenizer(), Name);
            case "kmer": return new TokenIdInputs(new KmerTokenizer(K), Name);
            case "6mer": return new TokenIdInputs(new NonOverlappingKmerTokenizer(6), Name);
            case "bpe":
                if (trainingText is null) throw new InvalidOperationException("a BPE tokenizer without a file must be trained: no training text was given");
                return new TokenIdInputs(new BpeTrainer(new BpeTrainerConfig(VocabSize: BpeVocab)).TrainTokenizer(trainingText()), Name);
            default:
                var tokenizer = TokenizerFile.Load(Path!);
                return tokenizer switch
                {
                    LearnedTokenizer learned => new CodeVectorInputs(learned.Window == learnedWindow ? learned : Reload(learned, learnedWindow)),
                    _ => new TokenIdInputs(tokenizer, NameOf(tokenizer)),
                };
        }
    }

    /// <summary>The table label of a loaded hand-made tokenizer.</summary>
    public static string NameOf(ITokenizer tokenizer) => tokenizer switch
    {
        CharTokenizer => "char",
        KmerTokenizer kmer => $"kmer{kmer.K}",
        NonOverlappingKmerTokenizer six => $"{six.K}mer",
        BpeTokenizer bpe => bpe.VocabSize == DefaultBpeVocab ? "bpe" : $"bpe{bpe.VocabSize}",
        _ => tokenizer.Type,
    };

    private LearnedTokenizer Reload(LearnedTokenizer learned, int window)
    {
        learned.Dispose();
        var directory = Directory.Exists(Path!) ? Path! : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path!))!;
        return LearnedTokenizer.Load(directory, window);
    }

    [GeneratedRegex("^kmer([0-9]+)$")]
    private static partial Regex KmerPattern();

    [GeneratedRegex("^bpe(?::([0-9]+))?$")]
    private static partial Regex BpePattern();
}
