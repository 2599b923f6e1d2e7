using System.Globalization;
using System.Text;
using VqDna.IO;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;

namespace VqDna.Reports;

/// <summary>
/// README.md in every output folder (issue 20: no folder said what it was): what the model is, how it was trained
/// (data, steps, tokenizer), its scores (with the majority-class floor for a classifier), and how to load it in
/// vqdna, PyTorch and ONNX Runtime. Written last, beside the files it describes, by <see cref="Charts.TrainingRunCharts"/>
/// after the trainer returns (Training sits below Reports); the data fingerprint comes from the run's data.json.
/// </summary>
public static class ModelCard
{
    /// <summary>The card's file name in the model folder.</summary>
    public const string FileName = "README.md";

    /// <summary>The card of a `vqdna tokenizer train` folder.</summary>
    public static void WriteTokenizer(string directory, TokenizerTrainingConfig config, TokenizerEvaluation evaluation)
    {
        var data = DataOf(directory);
        int steps = config.Optimization.Steps;
        var m = config.Model;
        var card = new StringBuilder();
        Title(card, $"VQDNA learned tokenizer ({m.Kind.ToUpperInvariant()}, {m.Levels} level(s))");
        card.AppendLine($"A learned DNA vocabulary (VQDNA, Li et al. 2024): one code per nucleotide at each of {m.Levels} level(s), " +
            $"codebook sizes {string.Join(", ", Enumerable.Range(1, m.Levels).Select(m.LevelCodebookSize))}, code dimension {m.CodeDim}, " +
            $"encoder width {m.Width} with {m.Blocks} ConvNeXt blocks.");
        Training(card, data, $"{steps} steps of batch {config.BatchSize} × {config.WindowLength} nt, learning rate {F(config.Optimization.LearningRate)}, seed {config.Optimization.Seed}");
        card.AppendLine("## Scores (held-out windows)").AppendLine();
        card.AppendLine($"- reconstruction accuracy: {evaluation.ReconstructionAccuracy:P2} over {evaluation.Bases:N0} nt");
        for (int l = 0; l < evaluation.Levels.Count; l++)
            card.AppendLine($"- level {l + 1}: {evaluation.Levels[l].FractionUsed:P1} of {evaluation.Levels[l].CodebookSize} codes used, perplexity {evaluation.Levels[l].Perplexity:F1}");
        card.AppendLine().AppendLine("## Use").AppendLine();
        Fence(card, "sh", $"vqdna tokenize genome.fa -t {Quote(directory)} -o codes.tsv --embeddings codes.safetensors",
            $"vqdna pretrain corpus.fa -t {Quote(directory)} -o pretrained        # a language model over these codes",
            $"vqdna export --onnx {Quote(directory)} -o {Quote(OnnxFileBeside(directory))}");
        card.AppendLine("ONNX Runtime: input `nucleotides` int64 (batch, length), A C G T = 0 1 2 3; outputs `codes_levelN` and `embedding` " +
            "(see the vqdna README, *Inference engines*). PyTorch: `safetensors.torch.load_file(\"model.safetensors\")` gives the weights under the names in config.json's architecture.");
        Save(directory, card);
    }

    /// <summary>The card of a `vqdna pretrain` folder.</summary>
    public static void WritePretrained(string directory, PretrainingConfig config, PretrainingResult result)
    {
        var data = DataOf(directory);
        var encoder = EncoderFolder.ReadConfig(directory).Encoder!;
        var card = new StringBuilder();
        Title(card, $"VQDNA pre-trained encoder over the {result.Tokenizer} tokenizer");
        card.AppendLine($"A BERT-style DNA encoder (pre-LN, ALiBi; {encoder.Shape}, {encoder.Heads} heads, " +
            $"{result.Parameters:N0} parameters, context {encoder.MaxLength} tokens) pre-trained by masked {(encoder.IdInput ? "token" : "code")} modeling " +
            $"({config.Masking.Rate:P0} of tokens masked). `model_type`: {EncoderModelConfig.VqDnaModelType}; architecture {EncoderModelConfig.MaskedModeling}.");
        Training(card, data, $"{result.Steps} steps of batch {config.BatchSize} × {config.WindowLength} nt, learning rate {F(config.Optimization.LearningRate)}, seed {config.Optimization.Seed}, {result.Minutes:F1} min");
        card.AppendLine("## Scores (held-out windows)").AppendLine();
        card.AppendLine($"- masked-token accuracy {result.Evaluation.MaskedAccuracy:P2}, loss {result.Evaluation.Loss:F4}; {result.Evaluation.TokensPerNucleotide:F3} tokens per nucleotide").AppendLine();
        card.AppendLine("## Use").AppendLine();
        Fence(card, "sh", $"vqdna embed sequences.fa --model {Quote(directory)} -o embeddings.npy            # one vector per sequence (mean pooling)",
            $"vqdna finetune TASK_DIR --model {Quote(directory)} -o finetuned               # fine-tune on a GUE-layout task",
            $"vqdna export --onnx {Quote(directory)} -o {Quote(OnnxFileBeside(directory))}");
        card.AppendLine("ONNX Runtime (any language): the exported encoder takes `input_ids` (hand-made tokenizers) or `code_vectors` (learned ones) " +
            "and `attention_mask` (at most the context per row), and gives `last_hidden_state`, `hidden_states_N` and `pooled`.").AppendLine();
        PyTorch(card);
        Save(directory, card);
    }

    /// <summary>The card of a `vqdna finetune` folder, with the majority-class floor beside the scores.</summary>
    public static void WriteFinetuned(string directory, FinetuneResult result)
    {
        var data = DataOf(directory);
        // A LoRA folder without a merged model: the adapter alone, which needs its base.
        bool adapter = !File.Exists(Path.Combine(directory, EncoderFolder.ConfigFile));
        var card = new StringBuilder();
        Title(card, $"VQDNA classifier: {result.Task} ({result.Tokenizer} tokenizer, {result.Mode})");
        card.AppendLine($"A sequence classifier for the {result.Labels.Count} classes {string.Join(", ", result.Labels.Select(l => $"`{l}`"))} " +
            $"(order of `labels.json`{(adapter ? "" : " and config.json's `id2label`")}), fine-tuned ({result.Mode}) from the pre-trained encoder{(result.Encoder is { } shape ? $" ({shape})" : "")} in " +
            $"`{result.Model}`{(adapter ? " (a LoRA adapter in peft's layout: it needs that folder, recorded relative to this one in adapter_config.json)" : "")}.");
        var s = result.Settings;
        Training(card, data, $"task `{result.Task}`; {FinetuneRecipeText.Of(s)}, seed {s.Optimization.Seed}; {result.Steps} steps run, " +
            $"best dev MCC at step {result.BestStep}{(result.StoppedEarly ? " (stopped early)" : "")}" + (result.DevSplit is { } carved ? $"; {carved}" : ""));
        long[] test = result.ClassCounts.Test;
        double floor = test.Sum() == 0 ? 0 : test.Max() / (double)test.Sum();
        card.AppendLine("## Scores").AppendLine();
        card.AppendLine("| split | MCC | macro F1 | accuracy | n |").AppendLine("| --- | ---: | ---: | ---: | ---: |");
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| dev | {result.Dev.Mcc:F3} | {result.Dev.F1Macro:F3} | {result.Dev.Accuracy:F3} | {result.Dev.Count} |"));
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| test | {result.Test.Mcc:F3} | {result.Test.F1Macro:F3} | {result.Test.Accuracy:F3} | {result.Test.Count} |"));
        card.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| test, majority class (baseline) | 0.000 | | {floor:F3} | {test.Sum()} |")).AppendLine();
        card.AppendLine("## Use").AppendLine();
        Fence(card, "sh", $"vqdna predict reads.fa --model {Quote(directory)} -o predictions.csv",
            $"vqdna predict genome.fa --model {Quote(directory)} -o windows.csv --window 1000 --stride 500 --bed regions.bed",
            $"vqdna embed reads.fa --model {Quote(directory)} -o embeddings.npy",
            $"vqdna export --onnx {Quote(directory)} -o {Quote(OnnxFileBeside(directory))}");
        card.AppendLine("ONNX Runtime (any language): the exported graph takes `input_ids` (hand-made tokenizers) or `code_vectors` (learned ones) " +
            "and `attention_mask`, and gives `probabilities`, `logits` and `pooled`; its `metadata_props` carry the tokenizer and labels.").AppendLine();
        PyTorch(card);
        Save(directory, card);
    }

    /// <summary>Where the card's export example writes: beside the folder (the output guard refuses a file inside the folder it reads).</summary>
    private static string OnnxFileBeside(string directory) => Path.TrimEndingDirectorySeparator(directory) + ".onnx";

    private static void Title(StringBuilder card, string title) =>
        card.AppendLine($"# {title}").AppendLine().AppendLine($"Written by vqdna {BuildInfo.Version} on {DateTime.UtcNow:yyyy-MM-dd}.").AppendLine();

    /// <summary>What the run in <paramref name="directory"/> trained on, as its trainer recorded it (data.json).</summary>
    private static DataFingerprint DataOf(string directory) => JsonFiles.Read<DataFingerprint>(Path.Combine(directory, RunFolder.DataFile));

    private static void Training(StringBuilder card, DataFingerprint data, string how)
    {
        card.AppendLine().AppendLine("## Training").AppendLine();
        card.AppendLine($"- data: {data.Describe()}: {string.Join(", ", data.Files.Take(12).Select(f => $"`{f.Name}`"))}{(data.Files.Count > 12 ? ", …" : "")}");
        card.AppendLine($"- {how}");
        card.AppendLine($"- every setting, the seed and the environment: `{RunFolder.RunFile}`; curves: `{RunFolder.MetricsFile}`").AppendLine();
    }

    private static void PyTorch(StringBuilder card)
    {
        card.AppendLine("PyTorch: `config.json` + `model.safetensors` follow Hugging Face's layout; `scripts/encoder_reference.py` in the vqdna " +
            "repository is the same encoder in PyTorch and loads the weights unchanged:").AppendLine();
        Fence(card, "python", "from safetensors.torch import load_file", "state = load_file(\"model.safetensors\")   # keys as the PyTorch module's");
    }

    private static void Fence(StringBuilder card, string language, params string[] lines)
    {
        card.AppendLine($"```{language}");
        foreach (var line in lines) card.AppendLine(line);
        card.AppendLine("```").AppendLine();
    }

    private static string Quote(string path) => path.Contains(' ') ? $"'{path}'" : path;

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static void Save(string directory, StringBuilder card) => AtomicFile.WriteAllText(Path.Combine(directory, FileName), card.ToString());
}
