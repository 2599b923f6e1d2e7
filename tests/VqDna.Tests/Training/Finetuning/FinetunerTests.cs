using VqDna.Models.Encoder;
using System.Text.Json;
using VqDna.Datasets;
using VqDna.Inputs;
using VqDna.ModelFolders;
using VqDna.Torch.NN;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;
using VqDna.Reports.Charts;

namespace VqDna.Tests.Training.Finetuning;

[Collection("serial")]
public sealed class FinetunerTests : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    private string Pretrained(string tokenizer)
    {
        var directory = temp.File("pretrained-" + tokenizer);
        using var inputs = TokenizerSpec.Parse(tokenizer).Build();
        var corpus = GenomeCorpus.Load([RepoData.Data("genomes/hpylori_G27_200kb.fa.gz"), RepoData.Data("genomes/saureus_N315_200kb.fa.gz")]);
        Pretrainer.Train(corpus, new PretrainingConfig(EncoderPreset.Tiny, tokenizer, PretrainingConfig.DefaultOptimization(20, seed: 1) with { WarmupSteps = 2 },
            new MaskingConfig(), WindowLength: 128, BatchSize: 8, EvalEvery: 20, EvalBatches: 1), inputs, directory);
        return directory;
    }

    private static FinetuneConfig Config(FinetuneMode mode) =>
        new(mode, new LoRAConfig(), new OptimizationConfig(Steps: 0, LearningRate: FinetuneConfig.DefaultLearningRate(mode), Seed: 4), Epochs: 2, BatchSize: 16, Patience: 0);

    [Fact]
    public void LoraFineTuningScoresDevAndTestAndSavesAPeftAdapterThatPredictsAsTheMergedModel()
    {
        var task = GueTask.Load(SpeciesTask.Write(temp.File("task")));
        var output = temp.File("lora");
        var result = Finetuner.Train(task, Pretrained("6mer"), Config(FinetuneMode.Lora), output, merge: true);
        TrainingRunCharts.Finetuning(output, result);                                        // the trainer draws nothing itself (issue 17)

        Assert.Equal(12, result.Steps);                                   // 2 epochs × 96 / 16
        Assert.Equal(24, result.Test.Count);
        Assert.Equal(24, result.Test.Confusion.Sum(r => r.Sum()));
        Assert.Equal([48, 48], result.ClassCounts.Train);
        // Two bacteria at 200 bp with a GC gap of ~6%: even a barely pre-trained model separates them better than chance.
        Assert.True(result.Dev.Accuracy > 0.6, $"dev accuracy {result.Dev.Accuracy}");
        Assert.True(File.Exists(Path.Combine(output, "curves_scores.png")), "training curves missing");
        // The backbone's size is recorded and named in the chart title and the card, so a tiny and a small backbone's runs are told apart.
        Assert.Equal("4 layers × width 128", result.Encoder);
        Assert.Contains("width 128, lora, mean pooling)", File.ReadAllText(Path.Combine(output, "curves_scores.svg")));
        Assert.Contains("pre-trained encoder (4 layers × width 128) in", File.ReadAllText(Path.Combine(output, "README.md")));

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, Finetuner.MetricsFile)));
        foreach (var split in new[] { "dev", "test" })
            foreach (var field in new[] { "mcc", "f1_macro", "accuracy", "confusion" })
                Assert.True(doc.RootElement.GetProperty(split).TryGetProperty(field, out _), $"{split}.{field} missing");
        var adapter = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "adapter_config.json"))).RootElement;
        Assert.Equal("LORA", adapter.GetProperty("peft_type").GetString());
        Assert.Equal(8, adapter.GetProperty("r").GetInt32());

        // The merged plain model and the adapter over the base model predict the same probabilities.
        var sequences = task.Test.Select(s => s.Sequence).ToList();
        float[][] merged, viaAdapter;
        using (var model = FinetunedModel.Load(output)) merged = model.Classifier.Probabilities(sequences);
        File.Delete(Path.Combine(output, "config.json"));
        using (var model = FinetunedModel.Load(output)) viaAdapter = model.Classifier.Probabilities(sequences);
        for (int i = 0; i < merged.Length; i++)
            for (int c = 0; c < 2; c++) Assert.Equal(merged[i][c], viaAdapter[i][c], 4);
    }

    [Fact]
    public void AProbeTrainsOnlyTheHeadAndLongInputsRunInChunks()
    {
        var task = GueTask.Load(SpeciesTask.Write(temp.File("task"), trainPerClass: 16, evalPerClass: 4, length: 1200));
        var pretrained = Pretrained("char");                               // context 128 tokens: 1,200-nt inputs take 10 chunks
        var output = temp.File("probe");
        var result = Finetuner.Train(task, pretrained, Config(FinetuneMode.Probe), output);
        Assert.Equal("probe", result.Mode);
        using var model = FinetunedModel.Load(output);
        using var base_ = VqDna.Models.Encoder.EncoderFolder.LoadMaskedModeling(pretrained);
        var tuned = model.Classifier.Model.encoder.StateDict();
        foreach (var (key, value) in base_.encoder.StateDict())
            Assert.Equal(value.ToArray<float>(), tuned[key].ToArray<float>());
        Assert.Equal(8, model.Classifier.Probabilities(task.Test.Select(s => s.Sequence).ToList()).Length);
    }

    /// <summary>
    /// `--freeze-embedding` holds the token embedding table at its pre-trained weights while every other encoder weight trains;
    /// `--linear-head` saves one Linear as the head, and the folder reads back and predicts.
    /// </summary>
    [Fact]
    public void AFrozenEmbeddingStaysAsPretrainedAndALinearHeadReadsBack()
    {
        var task = GueTask.Load(SpeciesTask.Write(temp.File("task"), trainPerClass: 16, evalPerClass: 4));
        var pretrained = Pretrained("6mer");
        var output = temp.File("frozen");
        Finetuner.Train(task, pretrained, Config(FinetuneMode.Full) with { FreezeEmbedding = true, LinearHead = true }, output);
        using var model = FinetunedModel.Load(output);
        using var base_ = VqDna.Models.Encoder.EncoderFolder.LoadMaskedModeling(pretrained);
        var tuned = model.Classifier.Model.encoder.StateDict();
        var changed = new List<string>();
        foreach (var (key, value) in base_.encoder.StateDict())
        {
            bool same = value.ToArray<float>().SequenceEqual(tuned[key].ToArray<float>());
            if (DnaForSequenceClassification.IsEmbeddingParameter("encoder." + key)) Assert.True(same, $"{key} moved");
            else if (!same) changed.Add(key);
        }
        Assert.NotEmpty(changed);                                          // the rest of the encoder trained
        Assert.True(model.Classifier.Model.Classifier.Probe, "the head should be one Linear");
        Assert.Equal(8, model.Classifier.Probabilities(task.Test.Select(s => s.Sequence).ToList()).Length);
        Assert.Throws<ArgumentException>(() => (Config(FinetuneMode.Lora) with { LinearHead = true }).Validate());
        Assert.Contains("peft", Assert.Throws<ArgumentException>(() => (Config(FinetuneMode.Lora) with { PooledBatchNorm = true }).Validate()).Message);
    }
}
