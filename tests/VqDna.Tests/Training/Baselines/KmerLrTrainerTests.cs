using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Models.Baselines;
using VqDna.Torch;
using VqDna.Training.Baselines;

namespace VqDna.Tests.Training.Baselines;

public sealed class KmerLrTrainerTests : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    /// <summary>Random 40-base rows; class 1 carries GGGG somewhere, class 0 is drawn without G runs of 2 or more.</summary>
    private static List<LabelledSequence> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<LabelledSequence>();
        for (int i = 0; i < count; i++)
        {
            var bases = new char[40];
            for (int j = 0; j < bases.Length; j++)
                do bases[j] = "ACGT"[random.Next(4)]; while (bases[j] == 'G' && j > 0 && bases[j - 1] == 'G');
            int label = i % 2;
            if (label == 1) "GGGG".CopyTo(0, bases, random.Next(36), 4);
            rows.Add(new LabelledSequence(new string(bases), label));
        }
        return rows;
    }

    private static GueTask Task() => new("motif", new LabelSet(["absent", "present"]), Rows(200, 1), Rows(60, 2), Rows(60, 3));

    [Fact]
    public void SeparatesAKmerTaskAndChoosesKOnDev()
    {
        var fitted = KmerLrTrainer.Fit(Task(), new KmerLrConfig([2, 3], Steps: 200));
        // GG is a 2-mer feature that only class 1 has: k = 2 already separates perfectly, so dev keeps the first k tried.
        Assert.Equal(1.0, fitted.Result.Dev.Mcc, 6);
        Assert.Equal(1.0, fitted.Result.Test.Mcc, 6);
        Assert.Equal(2, fitted.Model.K);
        Assert.StartsWith("k 2, weight decay ", fitted.Result.Chosen);
        Assert.Equal("kmer-lr", fitted.Result.Baseline);
        Assert.Equal(60, fitted.Result.Test.Count);
    }

    [Fact]
    public void ProbabilitiesAreTheStandardisedLinearModelComputedByHand()
    {
        var fitted = KmerLrTrainer.Fit(Task(), new KmerLrConfig([2], Steps: 50));
        var model = fitted.Model.Model;
        const string sequence = "ACGGTTACGA";
        var x = new float[16];
        KmerFrequencies.Fill(sequence, 2, x);
        // logits_c = Σ_j W[c, j] · (x_j − mean_j) / std_j + b_c, then softmax.
        var logits = new double[2];
        for (int c = 0; c < 2; c++)
        {
            logits[c] = model.Bias[c];
            for (int j = 0; j < 16; j++) logits[c] += model.Weight[c * 16 + j] * (x[j] - model.Mean[j]) / model.Std[j];
        }
        double p1 = 1 / (1 + Math.Exp(logits[0] - logits[1]));
        var probabilities = fitted.Model.Probabilities([sequence]);
        Assert.Equal(p1, probabilities[0][1], 5);
        Assert.Equal(1 - p1, probabilities[0][0], 5);
    }

    [Fact]
    public void AFeatureConstantInTrainingIsNotBlownUpAtTest()
    {
        // Column 1 is 0 in every training row: its std is 1, so a test value of 0.5 stays 0.5 after standardising.
        var (mean, std) = StandardizedLinearModel.Statistics(new float[,] { { 0.2f, 0f }, { 0.4f, 0f }, { 0.6f, 0f } });
        Assert.Equal([0.4f, 0f], mean);
        Assert.Equal(0.2f, std[0], 6);
        Assert.Equal(1f, std[1]);
        using var scope = torch.NewDisposeScope();
        var standardized = StandardizedLinearModel.Standardize(new float[,] { { 0.4f, 0.5f } }, mean, std).ToArray<float>();
        Assert.Equal([0f, 0.5f], standardized);
    }

    [Fact]
    public void ASavedModelLoadsWithTheSameProbabilitiesAndBadFilesAreNamed()
    {
        var fitted = KmerLrTrainer.Fit(Task(), new KmerLrConfig([3], Steps: 30));
        var folder = Path.Combine(temp.Path, "kmer-lr");
        fitted.Model.Save(folder);
        Assert.True(KmerLogisticRegression.IsFolder(folder));
        var loaded = KmerLogisticRegression.Load(folder);
        Assert.Equal(3, loaded.K);
        var rows = Rows(5, 9).Select(r => r.Sequence).ToList();
        Assert.Equal(fitted.Model.Probabilities(rows), loaded.Probabilities(rows));

        File.WriteAllText(Path.Combine(folder, KmerLogisticRegression.ConfigFile), "{\"model_type\": \"kmer-lr\", \"k\": 4, \"num_labels\": 2}");
        var e = Assert.Throws<InvalidDataException>(() => KmerLogisticRegression.Load(folder));
        Assert.Contains("k = 4 (256 features)", e.Message);
        Assert.Contains(KmerLogisticRegression.WeightsFile, e.Message);
    }
}
