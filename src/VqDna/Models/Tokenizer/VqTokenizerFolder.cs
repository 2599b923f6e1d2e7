using VqDna.IO;
using VqDna.Torch;
using VqDna.Torch.Serialization;
using VqDna.Models.Tokenizer;

namespace VqDna.Models.Tokenizer;

/// <summary>
/// A trained tokenizer on disk, in the Hugging Face layout: config.json (the architecture),
/// model.safetensors (weights and codebooks) and tokenizer.json (what kind of tokenizer this is).
/// Loading rebuilds the model from config.json and refuses weights that do not fit it.
/// </summary>
public static class VqTokenizerFolder
{
    /// <summary>The architecture (<see cref="VqTokenizerConfig"/>) as JSON.</summary>
    public const string ConfigFile = "config.json";
    /// <summary>The network's weights.</summary>
    public const string WeightsFile = "model.safetensors";
    /// <summary>The tokenizer description (<see cref="LearnedTokenizerInfo"/>).</summary>
    public const string TokenizerFile = "tokenizer.json";

    /// <summary>Writes the three files (each atomically).</summary>
    public static void Save(VqTokenizerModel model, string directory)
    {
        Directory.CreateDirectory(directory);
        JsonFiles.Write(Path.Combine(directory, ConfigFile), model.Config);
        Safetensors.Save(model.StateDict(), Path.Combine(directory, WeightsFile),
            new Dictionary<string, string> { ["format"] = "pt", ["vqdna_kind"] = model.Config.Kind });
        JsonFiles.Write(Path.Combine(directory, TokenizerFile), LearnedTokenizerInfo.For(model.Config));
    }

    /// <summary>Loads a tokenizer folder; every problem is an error naming the folder and the file.</summary>
    public static VqTokenizerModel Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"tokenizer folder '{directory}' does not exist");
        foreach (var file in new[] { ConfigFile, WeightsFile, TokenizerFile })
            if (!File.Exists(Path.Combine(directory, file)))
                throw new InvalidDataException($"'{directory}' is not a learned tokenizer folder: {file} is missing");
        var info = JsonFiles.Read<LearnedTokenizerInfo>(Path.Combine(directory, TokenizerFile));
        if (info.Type is not ("vq" or "hrq"))
            throw new InvalidDataException($"'{Path.Combine(directory, TokenizerFile)}' describes a '{info.Type}' tokenizer, not a learned one (vq or hrq)");
        VqTokenizerConfig config;
        try
        {
            config = JsonFiles.Read<VqTokenizerConfig>(Path.Combine(directory, ConfigFile)).Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{Path.Combine(directory, ConfigFile)}' has an invalid setting: {e.Message}", e);
        }
        if (config.Kind != info.Type)
            throw new InvalidDataException($"'{directory}': tokenizer.json says '{info.Type}' but config.json describes a '{config.Kind}' model");
        // Every field tokenizer.json repeats must agree with config.json: a contradiction means one of them was edited or swapped (issue 19).
        var expected = LearnedTokenizerInfo.For(config);
        foreach (var (field, written, derived) in new[]
        {
            ("levels", $"{info.Levels}", $"{expected.Levels}"),
            ("codebook_sizes", string.Join(",", info.CodebookSizes ?? []), string.Join(",", expected.CodebookSizes)),
            ("code_dim", $"{info.CodeDim}", $"{expected.CodeDim}"),
            ("receptive_radius", $"{info.ReceptiveRadius}", $"{expected.ReceptiveRadius}"),
        })
            if (written != derived)
                throw new InvalidDataException($"'{Path.Combine(directory, TokenizerFile)}': {field} is {written}, but config.json gives {derived}; the two files contradict each other");
        var model = new VqTokenizerModel(config);
        using var scope = torch.NewDisposeScope();
        OrderedDictionary<string, Tensor> weights;
        try { weights = Safetensors.LoadWeights(Path.Combine(directory, WeightsFile)); }   // a damaged file says so itself
        catch
        {
            model.Dispose();
            throw;
        }
        try
        {
            model.LoadStateDict(weights);
        }
        catch (InvalidDataException e)
        {
            model.Dispose();
            throw new InvalidDataException($"'{Path.Combine(directory, WeightsFile)}' does not fit config.json: {e.Message}", e);
        }
        model.Eval();
        return model;
    }
}
