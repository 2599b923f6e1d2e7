using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VqDna.Datasets;
using VqDna.Export;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.ModelFolders;
using VqDna.Sequences.Readers;
using VqDna.Tests.Analysis.Variants;
using VqDna.Tests.Training.Finetuning;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;
using Xunit.Abstractions;

namespace VqDna.Tests.Export;

public sealed class ClassifierOnnxExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void LoraAdapterOverKmerIdsIsExportedWithTheAdapterFoldedIn()
    {
        var folder = Finetuned("kmer3", FinetuneMode.Lora, merge: false);
        Assert.True(File.Exists(Path.Combine(folder, "adapter_config.json")));
        Assert.False(File.Exists(Path.Combine(folder, "config.json")));                   // an adapter over the pre-trained folder, not merged

        var onnx = temp.File("kmer3.onnx");
        var result = OnnxExporter.Export(folder, onnx);
        Assert.Equal(OnnxExportKind.Classifier, result.Kind);
        Assert.Equal(["input_ids", "attention_mask"], result.Inputs);
        Assert.Equal(["probabilities", "logits", "pooled"], result.Outputs);
        var report = OnnxCheck.Run(onnx);
        Assert.Equal(17, report.GetProperty("opset").GetProperty("ai.onnx").GetInt32());

        using var model = FinetunedModel.Load(folder);
        Assert.Contains(LoRA.Adapters(model.Classifier.Model), _ => true);              // the libtorch side runs the unmerged adapter
        Assert.InRange(MaxProbabilityDifference(model, onnx), 0, 1e-4);

        using var session = new InferenceSession(onnx);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("classifier", metadata[OnnxMetadataKeys.Kind]);
        Assert.Equal("kmer3", metadata[OnnxMetadataKeys.TokenizerType]);
        Assert.Equal("[\"hpylori\",\"saureus\"]", metadata[OnnxMetadataKeys.Labels]);
        Assert.Contains("\"type\"", metadata[OnnxMetadataKeys.TokenizerJson]);
        Assert.Contains("DnaForSequenceClassification", metadata[OnnxMetadataKeys.Config]);
        Assert.Contains("\"[PAD]\":0", metadata[OnnxMetadataKeys.SpecialTokens]);
        Assert.Contains("hand-made kmer3 tokenizer", Assert.Throws<InvalidDataException>(() => OnnxExporter.Export(folder, temp.File("e2e.onnx"), endToEnd: true)).Message);
    }

    /// <summary>
    /// `export --end-to-end` (issue 20): one graph from nucleotides to probabilities, the HRQ tokenizer folded in. Real
    /// windows of a genome the model never saw, of different lengths (a padded batch, the longest past the context),
    /// with N runs of 1, 2 and 10 bases and N at both ends: vqdna tokenizes each run of known bases as a whole record,
    /// and the graph must give the same probabilities as vqdna's libtorch path.
    /// </summary>
    [Fact]
    public void HrqClassifierEndToEndGraphTakesNucleotidesAndMatchesLibtorch()
    {
        var tokenizer = TinyTokenizer.Train(temp.File("hrq"));
        var folder = Finetuned(tokenizer, FinetuneMode.Lora, merge: false);
        var onnx = temp.File("end-to-end.onnx");
        var result = OnnxExporter.Export(folder, onnx, endToEnd: true);
        Assert.Equal(["nucleotides", "attention_mask"], result.Inputs);
        Assert.Equal(["probabilities", "logits", "pooled"], result.Outputs);
        OnnxCheck.Run(onnx);

        var genome = SequenceFile.Read(RepoData.Data("genomes/vcholerae_O395_200kb.fa.gz")).First().Sequence;
        var sequences = Enumerable.Range(0, 8).Select(i => genome.Substring(30_000 + i * 1000, 50 + 23 * i)).ToList();
        sequences[1] = sequences[1][..20] + "N" + sequences[1][21..];
        sequences[2] = sequences[2][..30] + "NN" + sequences[2][32..];
        sequences[3] = "N" + sequences[3][1..40] + new string('N', 10) + sequences[3][50..^1] + "N";
        sequences.Add(genome.Substring(60_000, 300));                                                // past the 128-token context
        using var model = FinetunedModel.Load(folder, VqDna.Models.Engines.InferenceEngine.Torch);
        var expected = model.Classifier.Probabilities(sequences);

        int batch = sequences.Count, width = sequences.Max(s => s.Length);
        using var session = new InferenceSession(onnx);
        Assert.Equal("classifier_end_to_end", session.ModelMetadata.CustomMetadataMap[OnnxMetadataKeys.Kind]);
        using var results = session.Run(NucleotideInputs.Of(sequences));
        var probabilities = results.Single(r => r.Name == ClassifierOnnxExport.ProbabilitiesOutput).AsTensor<float>().ToArray();
        int classes = expected[0].Length;
        double max = 0;
        for (int b = 0; b < batch; b++)
            for (int c = 0; c < classes; c++) max = Math.Max(max, Math.Abs(probabilities[b * classes + c] - expected[b][c]));
        output.WriteLine($"end to end: {batch} sequences of {sequences.Min(s => s.Length)}-{width} nt, N runs inside, max |Δp| = {max:G3}");
        Assert.InRange(max, 0, 1e-4);

        // Placed as the folder's model.onnx, the end-to-end file is not what the ONNX engine feeds code vectors to: it exports in memory instead.
        File.Copy(onnx, Path.Combine(folder, "model.onnx"));
        using var onnxModel = FinetunedModel.Load(folder, VqDna.Models.Engines.InferenceEngine.Onnx);
        var viaEngine = onnxModel.Classifier.Probabilities(sequences);
        Assert.InRange(viaEngine.SelectMany(p => p).Zip(expected.SelectMany(p => p)).Max(p => Math.Abs(p.First - p.Second)), 0, 1e-4);
    }

    [Fact]
    public void HrqBackboneReadsTheTokenizersCodeVectors()
    {
        var tokenizer = TinyTokenizer.Train(temp.File("hrq"));
        var folder = Finetuned(tokenizer, FinetuneMode.Full, merge: false);
        var onnx = temp.File("hrq-classifier.onnx");
        var result = OnnxExporter.Export(folder, onnx);
        Assert.Equal(["code_vectors", "attention_mask"], result.Inputs);
        var report = OnnxCheck.Run(onnx);
        var vectors = report.GetProperty("inputs")[0].GetProperty("shape");
        Assert.Equal(16, vectors[2].GetInt32());                                             // the tiny tokenizer's code dimension

        using var model = FinetunedModel.Load(folder);
        Assert.InRange(MaxProbabilityDifference(model, onnx), 0, 1e-4);
        // The classifier folder's own tokenizer/ is a tokenizer folder: `vqdna export` takes it as one.
        Assert.Equal(OnnxExportKind.Tokenizer, OnnxExporter.Detect(Path.Combine(folder, PretrainedFolder.LearnedTokenizerFolder)));
    }

    /// <summary>
    /// `--pooled-batchnorm`: the running statistics train with the head (one update per step), are saved in the folder and
    /// read back, standardise the pooled vector at inference, and are exported as the graph's Sub and Mul.
    /// </summary>
    [Fact]
    public void APooledBatchNormIsSavedReadBackAndExported()
    {
        var folder = TinyFinetuned.Build(temp.Path, "kmer3", FinetuneMode.Full, adjust: c => c with { PooledBatchNorm = true, Pooling = SequencePooling.MeanMax });
        Assert.Contains("\"pooled_batch_norm\": true", File.ReadAllText(Path.Combine(folder, "config.json")));
        using var model = FinetunedModel.Load(folder, VqDna.Models.Engines.InferenceEngine.Torch);      // libtorch, against the exported graph
        var norm = model.Classifier.Model.pooled_norm!;
        Assert.Equal(model.Classifier.Model.PooledWidth, norm.num_features);
        Assert.Equal(8L, norm.num_batches_tracked.item<long>());                       // 32 rows, batch 8, 2 epochs
        Assert.NotEqual(0f, norm.running_mean.abs().max().item<float>());

        var onnx = temp.File("batchnorm.onnx");
        OnnxExporter.Export(folder, onnx);
        Assert.InRange(MaxProbabilityDifference(model, onnx), 0, 1e-4);
        // The statistics are used: with the running mean moved, the libtorch probabilities change.
        var sequences = new[] { "ACGTACGTTGCAAGCTAGCTAGGATCCA", "TTTTGGGGCCCCAAAATTTTGGGG" };
        var before = model.Classifier.Probabilities(sequences);
        using (torch.no_grad()) norm.running_mean.add_(1);
        var after = model.Classifier.Probabilities(sequences);
        Assert.NotEqual(before[0][0], after[0][0]);
    }

    [Fact]
    public void FoldersOfOtherKindsAreRefusedByName()
    {
        var empty = temp.File("empty");
        Directory.CreateDirectory(empty);
        var error = Assert.Throws<InvalidDataException>(() => OnnxExporter.Detect(empty));
        Assert.Contains(empty, error.Message);
        Assert.Contains("neither a learned tokenizer folder", error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => OnnxExporter.Detect(temp.File("missing")));
        var bpeOnly = temp.File("bpe");
        Directory.CreateDirectory(bpeOnly);
        new VqDna.Tokenizers.CharTokenizer().Save(Path.Combine(bpeOnly, "tokenizer.json"));
        Assert.Contains("hand-made tokenizer", Assert.Throws<InvalidDataException>(() => OnnxExporter.Detect(bpeOnly)).Message);
    }

    /// <summary>
    /// Real windows of another genome, of different lengths so that the batch is padded and the longest exceed the
    /// model's 128-token context (chunked by both engines), through libtorch (SequenceClassifier.Probabilities)
    /// and through ONNX Runtime on the same tokenized batch.
    /// </summary>
    private double MaxProbabilityDifference(FinetunedModel model, string onnx)
    {
        var genome = SequenceFile.Read(RepoData.Data("genomes/vcholerae_O395_200kb.fa.gz")).First().Sequence;
        var sequences = Enumerable.Range(0, 12).Select(i => genome.Substring(10_000 + i * 1000, 60 + 13 * i)).ToList();
        var expected = model.Classifier.Probabilities(sequences);

        var inputs = model.Classifier.Inputs;
        var rows = inputs.Tokenize(sequences);
        int batch = rows.Count, width = rows.Max(r => r.Length);
        Assert.True(width > model.Classifier.Model.Config.MaxLength, $"{width} tokens do not reach past the context");
        var feeds = new List<NamedOnnxValue>();
        using (var scope = torch.NewDisposeScope())
        {
            var encoded = inputs.Batch(rows).Input;
            if (encoded.InputIds is not null)
                feeds.Add(NamedOnnxValue.CreateFromTensor(ClassifierOnnxExport.IdsInput, new DenseTensor<long>(encoded.InputIds.ToArray<long>(), [batch, width])));
            else
            {
                int dim = (int)encoded.InputVectors!.size(2);
                feeds.Add(NamedOnnxValue.CreateFromTensor(ClassifierOnnxExport.VectorsInput, new DenseTensor<float>(encoded.InputVectors.ToArray<float>(), [batch, width, dim])));
            }
            var mask = encoded.AttentionMask.ToArray<bool>().Select(b => b ? 1L : 0L).ToArray();
            feeds.Add(NamedOnnxValue.CreateFromTensor(ClassifierOnnxExport.MaskInput, new DenseTensor<long>(mask, [batch, width])));
        }
        using var session = new InferenceSession(onnx);
        using var results = session.Run(feeds);
        var probabilities = results.Single(r => r.Name == ClassifierOnnxExport.ProbabilitiesOutput).AsTensor<float>().ToArray();
        int classes = expected[0].Length;
        Assert.Equal(batch * classes, probabilities.Length);
        double max = 0;
        for (int b = 0; b < batch; b++)
            for (int c = 0; c < classes; c++) max = Math.Max(max, Math.Abs(probabilities[b * classes + c] - expected[b][c]));
        output.WriteLine($"{inputs.Name}: {batch} sequences of {sequences.Min(s => s.Length)}-{sequences.Max(s => s.Length)} nt, {width} tokens wide, max |Δp| = {max:G3}");
        return max;
    }

    private string Finetuned(string tokenizer, FinetuneMode mode, bool merge) => TinyFinetuned.Build(temp.Path, tokenizer, mode, merge);
}
