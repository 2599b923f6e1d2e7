using System.Security.Cryptography;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Tokenizers;
using VqDna.Models.Tokenizer;

namespace VqDna.ModelFolders;

/// <summary>
/// The tokenizer that goes with an encoder folder: a hand-made tokenizer as tokenizer.json beside config.json
/// (Hugging Face's layout); a learned one as a copy of its whole folder under tokenizer/ (its own config.json
/// and weights would collide), with the SHA-256 of its weights in tokenizer/SHA256 so a swapped copy is noticed.
/// </summary>
public static class PretrainedFolder
{
    /// <summary>The sub-folder holding a learned tokenizer's copy.</summary>
    public const string LearnedTokenizerFolder = EncoderFolder.LearnedTokenizerFolder;
    /// <summary>The file in that sub-folder holding the SHA-256 of the tokenizer's weights.</summary>
    public const string ChecksumFile = "SHA256";

    /// <summary>
    /// Saves <paramref name="inputs"/>' tokenizer into the model folder <paramref name="directory"/>: tokenizer.json, or a learned
    /// tokenizer's folder and its checksum.
    /// </summary>
    public static void SaveTokenizer(SequenceInputs inputs, string directory)
    {
        switch (inputs)
        {
            case TokenIdInputs ids:
                ids.Tokenizer.Save(Path.Combine(directory, TokenizerFile.FileName));
                break;
            case CodeVectorInputs codes:
                var target = Path.Combine(directory, LearnedTokenizerFolder);
                Directory.CreateDirectory(target);
                codes.Tokenizer.Save(target);
                File.WriteAllText(Path.Combine(target, ChecksumFile), Checksum(target) + "\n");
                break;
            default:
                throw new ArgumentException($"unknown inputs {inputs.GetType().Name}", nameof(inputs));
        }
    }

    /// <summary>The inputs of a pre-trained or fine-tuned model folder.</summary>
    public static SequenceInputs LoadInputs(string directory, int learnedWindow = VqTokenizerConfig.DefaultInferenceWindow)
    {
        var learned = Path.Combine(directory, LearnedTokenizerFolder);
        if (Directory.Exists(learned))
        {
            var expected = File.Exists(Path.Combine(learned, ChecksumFile)) ? File.ReadAllText(Path.Combine(learned, ChecksumFile)).Trim() : null;
            if (expected is not null && expected != Checksum(learned))
                throw new InvalidDataException($"'{learned}' is not the tokenizer this model was trained with: its weights' SHA-256 differs from {ChecksumFile}");
            return TokenizerSpec.Parse(learned).Build(learnedWindow: learnedWindow);
        }
        var file = Path.Combine(directory, TokenizerFile.FileName);
        if (!File.Exists(file)) throw new FileNotFoundException($"'{directory}' holds no tokenizer ({TokenizerFile.FileName} or {LearnedTokenizerFolder}/): not a model folder", file);
        var spec = TokenizerSpec.Parse(file);
        var inputs = spec.Build();
        return inputs;
    }

    /// <summary>
    /// Refuses a tokenizer that contradicts the model it feeds (issue 19: a k-mer size in tokenizer.json that
    /// disagreed with config.json failed inside libtorch with "index out of range in self").
    /// </summary>
    /// <exception cref="InvalidDataException">The tokenizer's vocabulary or vector size differs from the encoder's; names both.</exception>
    public static void CheckMatches(SequenceInputs inputs, VqDna.Models.Encoder.EncoderConfig encoder, string directory)
    {
        var spec = inputs.Spec;
        if (spec.VocabSize == encoder.VocabSize && spec.InputDim == encoder.InputDim) return;
        string Describe(int vocab, int dim) => vocab > 0 ? $"token ids from a vocabulary of {vocab}" : $"{dim}-dimensional code vectors";
        throw new InvalidDataException($"'{directory}': the tokenizer ({inputs.Name}) gives {Describe(spec.VocabSize, spec.InputDim)}, " +
            $"but config.json's encoder expects {Describe(encoder.VocabSize, encoder.InputDim)}; the tokenizer and the model do not belong together");
    }

    private static string Checksum(string tokenizerFolder)
    {
        using var stream = File.OpenRead(Path.Combine(tokenizerFolder, EncoderFolder.WeightsFile));
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
