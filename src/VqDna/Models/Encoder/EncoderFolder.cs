using VqDna.IO;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Serialization;

namespace VqDna.Models.Encoder;

/// <summary>
/// An encoder model on disk in the Hugging Face layout: config.json (<see cref="EncoderModelConfig"/>) and
/// model.safetensors (the state dict, keys as the equivalent PyTorch module's: scripts/encoder_reference.py
/// loads them unchanged). Loading rebuilds the model from config.json; weights that do not fit it, or a
/// folder of the wrong architecture, are errors naming the file.
/// </summary>
public static class EncoderFolder
{
    /// <summary>The model folder's settings file.</summary>
    public const string ConfigFile = "config.json";
    /// <summary>The model folder's weights file.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>Where a pre-trained or fine-tuned folder keeps its learned tokenizer (a copy of the tokenizer folder).</summary>
    public const string LearnedTokenizerFolder = "tokenizer";

    /// <summary>Writes a pre-trained model's config.json and model.safetensors into <paramref name="directory"/>.</summary>
    public static void Save(DnaForMaskedModeling model, string directory) =>
        Write(model, new EncoderModelConfig(EncoderModelConfig.MaskedModeling, model.Config, null, BuildInfo.Version), directory);

    /// <summary>Saves a classifier; <paramref name="labels"/> (class order) go into config.json's id2label/label2id when given.</summary>
    public static void Save(DnaForSequenceClassification model, string directory, IReadOnlyList<string>? labels = null)
    {
        var config = new EncoderModelConfig(EncoderModelConfig.SequenceClassification, model.Config, model.Classifier, BuildInfo.Version);
        Write(model, labels is null ? config : config.WithLabels(labels), directory);
    }

    private static void Write(Module model, EncoderModelConfig config, string directory)
    {
        if (model.NamedModules().FirstOrDefault(kv => kv.Value is LoRALinear) is { Value: not null } lora)
            throw new InvalidOperationException(
                $"'{lora.Key}' still carries a LoRA adapter: save the adapter (PeftAdapter.Save) or fold it in first (LoRA.MergeAndUnload)");
        Directory.CreateDirectory(directory);
        Safetensors.Save(model.StateDict(), Path.Combine(directory, WeightsFile),
            new Dictionary<string, string> { ["format"] = "pt", ["vqdna_architecture"] = config.Architecture });
        JsonFiles.Write(Path.Combine(directory, ConfigFile), config);
    }

    /// <summary>Reads and validates config.json.</summary>
    public static EncoderModelConfig ReadConfig(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"model folder '{directory}' does not exist");
        var path = Path.Combine(directory, ConfigFile);
        RefuseNonEncoderFolder(directory);
        var config = JsonFiles.Read<EncoderModelConfig>(path);
        try
        {
            if (config.Encoder is null) throw new ArgumentException("the 'encoder' section is missing");
            var encoder = config.Encoder.Validate();
            var classifier = config.Architecture switch
            {
                EncoderModelConfig.MaskedModeling => null,
                EncoderModelConfig.SequenceClassification => (config.Classifier ?? throw new ArgumentException("the 'classifier' section is missing")).Validate(),
                _ => throw new ArgumentException($"unknown architecture '{config.Architecture}': expected '{EncoderModelConfig.MaskedModeling}' or '{EncoderModelConfig.SequenceClassification}'"),
            };
            return config with { Encoder = encoder, Classifier = classifier };
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{path}' has an invalid setting: {e.Message}", e);
        }
    }

    /// <summary>Loads a masked-modeling (pre-training) folder, in eval mode.</summary>
    public static DnaForMaskedModeling LoadMaskedModeling(string directory)
    {
        var config = Expect(directory, EncoderModelConfig.MaskedModeling);
        return LoadWeights(new DnaForMaskedModeling(config.Encoder), directory);
    }

    /// <summary>Loads a fine-tuned classification folder, in eval mode.</summary>
    public static DnaForSequenceClassification LoadSequenceClassification(string directory)
    {
        var config = Expect(directory, EncoderModelConfig.SequenceClassification);
        return LoadWeights(new DnaForSequenceClassification(config.Encoder, config.Classifier!), directory);
    }

    /// <summary>
    /// A classification model whose encoder comes from a pre-trained folder (masked-modeling or
    /// classification) and whose head is new (<paramref name="classifier"/>, BERT-initialised). In training mode.
    /// <paramref name="encoderDropout"/>, when given, replaces the encoder's hidden dropout (fine-tuning's `--dropout`);
    /// it changes no weight.
    /// </summary>
    public static DnaForSequenceClassification LoadForClassification(string pretrainedDirectory, ClassifierConfig classifier, double? encoderDropout = null)
    {
        var config = ReadConfig(pretrainedDirectory);
        var encoder = encoderDropout is { } p ? config.Encoder with { Dropout = p } : config.Encoder;
        var model = new DnaForSequenceClassification(encoder, classifier);
        var path = Path.Combine(pretrainedDirectory, WeightsFile);
        using var scope = torch.NewDisposeScope();
        var weights = LoadFile(model, path);
        try
        {
            model.LoadEncoderWeights(weights);
        }
        catch (InvalidDataException e)
        {
            model.Dispose();
            throw new InvalidDataException($"'{path}' does not fit its config.json: {e.Message}", e);
        }
        return model;
    }

    /// <summary>
    /// Throws, saying what to run, when <paramref name="directory"/> is a learned tokenizer's folder (issue 20: the error
    /// used to be a JSON mapping failure about 'width') or a classical baseline's (a mapping failure about 'cnn') given
    /// where an encoder is expected.
    /// </summary>
    public static void RefuseNonEncoderFolder(string directory)
    {
        if (IsTokenizerConfig(Path.Combine(directory, ConfigFile)))
            throw new InvalidDataException($"'{directory}' is a tokenizer folder (from `vqdna tokenizer train`), not a model: pre-train a model over it first " +
                $"(`vqdna pretrain FILES -t {directory} -o MODEL_DIR`) and give MODEL_DIR");
        if (Baselines.BaselineKinds.SavedIn(directory) is { } baseline)
            throw new InvalidDataException($"'{directory}' is a classical baseline ({Baselines.BaselineKinds.Name(baseline)}, from `vqdna baseline`), not an encoder: " +
                $"it has no encoder to fine-tune or embed with; `vqdna predict … -m {directory}` runs it, `vqdna export --onnx {directory}` writes it for ONNX Runtime");
    }

    /// <summary>Whether config.json describes a learned tokenizer (codebook_size, no architecture).</summary>
    private static bool IsTokenizerConfig(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object && !root.TryGetProperty("architecture", out _) && root.TryGetProperty("codebook_size", out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;                                                   // JsonFiles.Read names the problem
        }
    }

    private static EncoderModelConfig Expect(string directory, string architecture)
    {
        var config = ReadConfig(directory);
        if (config.Architecture != architecture)
            throw new InvalidDataException($"'{Path.Combine(directory, ConfigFile)}' describes a {config.Architecture}, not a {architecture}");
        return config;
    }

    /// <summary>The weights file, finite; a missing or damaged file is reported as what it is, not as a mismatch with config.json.</summary>
    private static OrderedDictionary<string, Tensor> LoadFile(Module model, string path)
    {
        try { return Safetensors.LoadWeights(path); }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static T LoadWeights<T>(T model, string directory) where T : Module
    {
        var path = Path.Combine(directory, WeightsFile);
        using var scope = torch.NewDisposeScope();
        var weights = LoadFile(model, path);
        try
        {
            model.LoadStateDict(weights);
        }
        catch (InvalidDataException e)
        {
            model.Dispose();
            throw new InvalidDataException($"'{path}' does not fit its config.json: {e.Message}", e);
        }
        model.Eval();
        return model;
    }
}
