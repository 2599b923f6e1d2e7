using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Serialization;

namespace VqDna.ModelFolders;

/// <summary>
/// A fine-tuning output folder, ready to predict: labels.json, the tokenizer, and either a plain classification
/// model (config.json + model.safetensors: full, probe, or a LoRA run with --merge) or a peft adapter
/// (adapter_config.json + adapter_model.safetensors) over the pre-trained model named in base_model_name_or_path.
/// </summary>
public sealed class FinetunedModel : IDisposable
{
    private FinetunedModel(SequenceClassifier classifier, LabelSet labels) => (Classifier, Labels) = (classifier, labels);

    /// <summary>The model and its tokenizer, ready to predict.</summary>
    public SequenceClassifier Classifier { get; }
    /// <summary>The class names, in label order.</summary>
    public LabelSet Labels { get; }

    /// <summary>Set when the adapter's base differs from the one it was trained on and the load was forced.</summary>
    public string? BaseWarning { get; private init; }

    /// <summary>
    /// Loads the folder; predictions (<see cref="SequenceClassifier.Probabilities"/>) and a learned tokenizer's
    /// encoder run on <paramref name="engine"/>: the exported graphs under ONNX Runtime (the folder's model.onnx
    /// when up to date, else exported in memory), or libtorch.
    /// </summary>
    /// <param name="directory">The fine-tuning output folder.</param>
    /// <param name="engine">What runs the forward passes.</param>
    /// <param name="force">Use an adapter's base even when its weights differ from those it was trained on
    /// (<see cref="AdapterBase"/>); <see cref="BaseWarning"/> then says so.</param>
    /// <param name="device">Where the model and a learned tokenizer's network run (the CPU unless given); on a GPU
    /// the engine is libtorch (<see cref="InferenceEngines.On"/>).</param>
    public static FinetunedModel Load(string directory, InferenceEngine engine = InferenceDefaults.Engine, bool force = false, Device? device = null)
    {
        var on = device ?? Device.CPU;
        engine = engine.On(on);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"model folder '{directory}' does not exist");
        EncoderFolder.RefuseNonEncoderFolder(directory);
        var labelsPath = Path.Combine(directory, LabelSet.FileName);
        if (!File.Exists(labelsPath)) throw new FileNotFoundException($"'{directory}' has no {LabelSet.FileName}: not a `vqdna finetune` output", labelsPath);
        var labels = LabelSet.Load(labelsPath);
        DnaForSequenceClassification model;
        string? baseWarning = null;
        if (File.Exists(Path.Combine(directory, EncoderFolder.ConfigFile)))
            model = EncoderFolder.LoadSequenceClassification(directory);
        else if (File.Exists(Path.Combine(directory, PeftAdapter.ConfigFile)))
        {
            var baseFolder = PeftAdapter.BaseFolder(directory);
            if (!Directory.Exists(baseFolder))
                throw new DirectoryNotFoundException($"base model folder '{baseFolder}' (recorded in {Path.Combine(directory, PeftAdapter.ConfigFile)}) does not exist: " +
                    "this LoRA adapter needs the pre-trained folder it was trained on; move the two folders together, or merge it (`vqdna finetune … --merge`)");
            baseWarning = AdapterBase.Verify(directory, baseFolder, force);
            model = EncoderFolder.LoadForClassification(baseFolder, new ClassifierConfig(labels.Count));
            PeftAdapter.Load(directory, model);
            model.Eval();
        }
        else throw new FileNotFoundException($"'{directory}' holds neither a model ({EncoderFolder.ConfigFile}) nor an adapter ({PeftAdapter.ConfigFile})");
        if (model.Classifier.NumLabels != labels.Count)
        {
            model.Dispose();
            throw new InvalidDataException($"'{directory}': the head has {model.Classifier.NumLabels} classes but {LabelSet.FileName} lists {labels.Count}");
        }
        var inputs = PretrainedFolder.LoadInputs(directory);
        try
        {
            PretrainedFolder.CheckMatches(inputs, model.Config, directory);
            model.to(on);
            inputs.To(on);
            inputs.UseEngine(engine);
        }
        catch
        {
            model.Dispose();
            inputs.Dispose();
            throw;
        }
        var finetuned = new FinetunedModel(new SequenceClassifier(model, inputs), labels) { BaseWarning = baseWarning };
        try
        {
            if (engine != InferenceEngine.Torch) finetuned.Classifier.UseEngine(ClassifierEngines.Create(finetuned.Classifier, finetuned.Labels, engine, directory));
        }
        catch
        {
            finetuned.Dispose();
            throw;
        }
        return finetuned;
    }

    /// <summary>Disposes the inference engine, the model and the tokenizer.</summary>
    public void Dispose()
    {
        Classifier.Engine.Dispose();
        Classifier.Model.Dispose();
        Classifier.Inputs.Dispose();
    }
}
