using System.Text.Json;
using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Models.Baselines;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers;
using VqDna.Export;
using VqDna.Inputs;
using VqDna.Torch.Onnx;

namespace VqDna.ModelFolders;

/// <summary>
/// `vqdna export --onnx`: tells a learned tokenizer folder, a pre-trained encoder folder and a fine-tuned classifier
/// folder and a classical baseline (`vqdna baseline`) apart and writes the matching ONNX file (<see cref="TokenizerOnnxExport"/>,
/// <see cref="EncoderOnnxExport"/>, <see cref="ClassifierOnnxExport"/>, <see cref="BaselineOnnxExport"/>). Any other folder is an error that names it and says what it is and what would do.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The kind of <paramref name="directory"/>, or an error naming it.</summary>
    public static OnnxExportKind Detect(string directory)
    {
        if (File.Exists(directory)) throw new InvalidDataException($"'{directory}' is a file: give the model folder (a learned tokenizer or a `vqdna finetune` output)");
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"model folder '{directory}' does not exist");
        if (BaselineKinds.SavedIn(directory) is not null) return OnnxExportKind.Baseline;
        PredictableModel.RefuseBaselineOutputFolder(directory);
        if (File.Exists(Path.Combine(directory, LabelSet.FileName))) return OnnxExportKind.Classifier;
        var tokenizerJson = Path.Combine(directory, TokenizerFile.FileName);
        var configJson = Path.Combine(directory, EncoderFolder.ConfigFile);
        if (File.Exists(tokenizerJson) && !File.Exists(configJson))
            throw new InvalidDataException($"'{directory}' holds a tokenizer.json alone (type '{TypeOf(tokenizerJson)}'): only learned tokenizers (vq, hrq) have a network to export; a hand-made tokenizer travels in the classifier's metadata");
        if (File.Exists(tokenizerJson) && TypeOf(tokenizerJson) is "vq" or "hrq") return OnnxExportKind.Tokenizer;
        if (File.Exists(configJson) && ArchitectureOf(configJson) == EncoderModelConfig.MaskedModeling) return OnnxExportKind.Encoder;
        throw new InvalidDataException(
            $"'{directory}' is neither a learned tokenizer folder ({TokenizerFile.FileName} of type vq or hrq, {VqTokenizerFolder.ConfigFile}, {VqTokenizerFolder.WeightsFile}), " +
            $"a pre-trained model folder ({EncoderFolder.ConfigFile} of a {EncoderModelConfig.MaskedModeling}) nor a fine-tuned model folder ({LabelSet.FileName})");
    }

    /// <summary>Writes the ONNX file of <paramref name="directory"/> to <paramref name="path"/> (atomically).</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="path">The .onnx file to write.</param>
    /// <param name="endToEnd">For a classifier over a learned tokenizer: fold the tokenizer in (nucleotides in, <see cref="ClassifierOnnxExport.BuildEndToEnd"/>); a baseline's graph takes nucleotides either way.</param>
    public static OnnxExportResult Export(string directory, string path, bool endToEnd = false)
    {
        var kind = Detect(directory);
        if (endToEnd && kind is not (OnnxExportKind.Classifier or OnnxExportKind.Baseline))
            throw new InvalidDataException($"'{directory}' is a {(kind == OnnxExportKind.Tokenizer ? "tokenizer" : "pre-trained encoder")} folder: --end-to-end folds a learned tokenizer into a fine-tuned classifier (a `vqdna finetune` output)");
        OnnxGraph graph;
        OnnxModelInfo info;
        if (kind == OnnxExportKind.Tokenizer)
        {
            using var tokenizer = VqTokenizerFolder.Load(directory);
            try { (graph, info) = (TokenizerOnnxExport.Build(tokenizer), TokenizerOnnxExport.Info(tokenizer)); }
            catch (NotSupportedException e) { throw new InvalidDataException($"'{directory}': {e.Message}", e); }
        }
        else if (kind == OnnxExportKind.Encoder)
        {
            using var model = EncoderFolder.LoadMaskedModeling(directory);                  // the export reads the libtorch modules
            using var inputs = PretrainedFolder.LoadInputs(directory);
            PretrainedFolder.CheckMatches(inputs, model.Config, directory);
            model.Eval();
            (graph, info) = (EncoderOnnxExport.Build(model.encoder), EncoderOnnxExport.Info(model.encoder, inputs));
        }
        else if (kind == OnnxExportKind.Baseline)
        {
            using var baseline = PredictableModel.Load(directory);
            var configJson = File.ReadAllText(Path.Combine(directory, OneHotCnnFolder.ConfigFile));
            (graph, info) = baseline.Classifier switch
            {
                CnnBaselineClassifier cnn => (BaselineOnnxExport.BuildCnn(cnn.Model), BaselineOnnxExport.Info(BaselineKind.Cnn, configJson, baseline.Labels)),
                KmerLrBaselineClassifier kmer => (BaselineOnnxExport.BuildKmerLr(kmer.Model), BaselineOnnxExport.Info(BaselineKind.KmerLr, configJson, baseline.Labels)),
                var other => throw new InvalidOperationException($"no ONNX export for {other.Description}"),
            };
        }
        else
        {
            using var classifier = FinetunedModel.Load(directory, InferenceEngine.Torch);   // the export reads the libtorch modules
            var network = classifier.Classifier.Model;
            if (!endToEnd) graph = ClassifierOnnxExport.Build(network);
            else if (classifier.Classifier.Inputs is CodeVectorInputs codes) graph = ClassifierOnnxExport.BuildEndToEnd(network, codes.Tokenizer.Model);
            else throw new InvalidDataException($"'{directory}' is a classifier over the hand-made {classifier.Classifier.Inputs.Name} tokenizer: --end-to-end folds a learned (vq, hrq) tokenizer's network in; " +
                "a hand-made tokenizer's ids are computed outside the graph (its tokenizer.json travels in the metadata)");
            info = ClassifierOnnxExport.Info(network, classifier.Classifier.Inputs, classifier.Labels, endToEnd);
        }
        long bytes = OnnxModelWriter.Save(graph, info, path);
        return new OnnxExportResult(kind, path, bytes, graph.InputNames, graph.OutputNames);
    }

    private static string TypeOf(string tokenizerJson) => Property(tokenizerJson, "type") ?? "unknown";

    private static string? ArchitectureOf(string configJson) => Property(configJson, "architecture");

    private static string? Property(string path, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
