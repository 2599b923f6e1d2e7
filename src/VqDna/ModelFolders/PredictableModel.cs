using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Models.Baselines;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.ModelFolders;

/// <summary>
/// A folder `vqdna predict` can run: a fine-tuning output (<see cref="FinetunedModel"/>) or a classical baseline
/// written by `vqdna baseline` (config.json's <c>model_type</c> "cnn" or "kmer-lr", labels.json beside it), so the
/// baseline a model was read against can be put to work on the same inputs.
/// </summary>
public sealed class PredictableModel : IDisposable
{
    private PredictableModel(IClassifierModel classifier, LabelSet labels, IDisposable? owned) => (Classifier, Labels, this.owned) = (classifier, labels, owned);

    /// <summary>What holds native memory: the fine-tuned model, or the CNN; nothing for the k-mer regression.</summary>
    private readonly IDisposable? owned;

    /// <summary>The model, ready to predict.</summary>
    public IClassifierModel Classifier { get; }
    /// <summary>The class names, in label order.</summary>
    public LabelSet Labels { get; }
    /// <summary>Set when a LoRA adapter's base differs from the one it was trained on and the load was forced.</summary>
    public string? BaseWarning { get; private init; }
    /// <summary>Set when the model does not run where it was asked to (the baselines run on the CPU).</summary>
    public string? Note { get; private init; }

    /// <summary>
    /// Loads <paramref name="directory"/>: a baseline by its config.json's <c>model_type</c>, else a fine-tuning output
    /// (<see cref="FinetunedModel.Load"/>, which the other arguments are for).
    /// </summary>
    public static PredictableModel Load(string directory, InferenceEngine engine = InferenceDefaults.Engine, bool force = false, Device? device = null)
    {
        if (BaselineKinds.SavedIn(directory) is not { } kind)
        {
            RefuseBaselineOutputFolder(directory);
            var finetuned = FinetunedModel.Load(directory, engine, force, device);
            return new PredictableModel(finetuned.Classifier, finetuned.Labels, finetuned) { BaseWarning = finetuned.BaseWarning };
        }
        var labelsPath = Path.Combine(directory, LabelSet.FileName);
        if (!File.Exists(labelsPath)) throw new FileNotFoundException($"'{directory}' has no {LabelSet.FileName}: not a `vqdna baseline` output", labelsPath);
        var labels = LabelSet.Load(labelsPath);
        string? note = device is { is_cpu: false } ? $"note: the {kind.Name()} baseline runs on the CPU, as it was trained" : null;
        if (kind == BaselineKind.KmerLr)
        {
            var kmer = KmerLogisticRegression.Load(directory);
            CheckClasses(directory, kmer.Model.Classes, labels);
            return new PredictableModel(new KmerLrBaselineClassifier(kmer), labels, null) { Note = note };
        }
        var cnn = new CnnBaselineClassifier(OneHotCnnFolder.Load(directory));
        try { CheckClasses(directory, cnn.Model.Config.NumLabels, labels); }
        catch { cnn.Dispose(); throw; }
        return new PredictableModel(cnn, labels, cnn) { Note = note };
    }

    /// <summary>`vqdna baseline -o OUT` writes one model per kind under OUT: given OUT itself, name the models in it (predict, export).</summary>
    public static void RefuseBaselineOutputFolder(string directory)
    {
        if (File.Exists(Path.Combine(directory, LabelSet.FileName))) return;
        var models = BaselineKinds.All.Select(k => Path.Combine(directory, k.Name())).Where(d => BaselineKinds.SavedIn(d) is not null).ToList();
        if (models.Count > 0)
            throw new InvalidDataException($"'{directory}' is a `vqdna baseline` output folder, not a model: give one of the models in it ({string.Join(", ", models)})");
    }

    private static void CheckClasses(string directory, int classes, LabelSet labels)
    {
        if (classes != labels.Count)
            throw new InvalidDataException($"'{directory}': the model has {classes} classes but {LabelSet.FileName} lists {labels.Count}");
    }

    /// <summary>Frees the model (and a fine-tuned model's tokenizer and engine).</summary>
    public void Dispose() => owned?.Dispose();
}
