using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;
using VqDna.Torch;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Tokenizers.Learned;

namespace VqDna.Tests.Models.Tokenizer;

public sealed class LearnedTokenizerTests
{
    private static string Sars(int length) =>
        SequenceFile.Read(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")).First().Sequence[..length];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CodesDoNotDependOnWhereWindowsStart(int levels)
    {
        torch.manual_seed(5);
        var sequence = Sars(3000);
        var config = VqTokenizerConfig.Tiny(levels) with { KMeansInit = false };
        using var model = new VqTokenizerModel(config);
        var small = new LearnedTokenizer(model, window: 2 * config.ReceptiveRadius + 37, batchSize: 3);
        var whole = new LearnedTokenizer(model, window: 4096);
        var a = small.Encode(sequence);
        var b = whole.Encode(sequence);
        for (int level = 0; level < levels; level++)
            Assert.Equal(b[level], a[level]);
        Assert.Equal(whole.Decode(b), small.Decode(a));
    }

    [Fact]
    public void ATrainingStepsAutocastDoesNotReachTheFrozenTokenizer()
    {
        // Training rows are tokenized inside the step (under bf16 autocast when the run asks for it), dev, test and
        // `predict` rows outside it: the codes a model is trained on must be the ones it is scored on.
        torch.manual_seed(9);
        using var model = new VqTokenizerModel(VqTokenizerConfig.Tiny() with { KMeansInit = false });
        var tokenizer = new LearnedTokenizer(model, window: 256);
        var rows = Enumerable.Range(0, 12).Select(i => Sars(3000).Substring(i * 200, 180)).ToList();
        var exact = tokenizer.EncodeMany(rows);
        IReadOnlyList<(int[][] Codes, float[] Embedding)> underAutocast;
        using (torch.autocast(Device.CPU)) underAutocast = tokenizer.EncodeMany(rows);
        for (int i = 0; i < rows.Count; i++)
        {
            for (int level = 0; level < model.Config.Levels; level++) Assert.Equal(exact[i].Codes[level], underAutocast[i].Codes[level]);
            Assert.Equal(exact[i].Embedding, underAutocast[i].Embedding);
        }
    }

    [Fact]
    public void EmbeddingsComeOutPerNucleotide()
    {
        torch.manual_seed(6);
        using var model = new VqTokenizerModel(VqTokenizerConfig.Tiny() with { KMeansInit = false });
        var tokenizer = new LearnedTokenizer(model, window: 256);
        var embedding = new List<float>();
        int next = 0;
        var codes = tokenizer.Encode(Sars(700), (start, rows) =>
        {
            Assert.Equal(next, start);                                     // blocks arrive in sequence order
            next += rows.Length / model.Config.CodeDim;
            embedding.AddRange(rows.ToArray());
        });
        Assert.Equal(700, codes[0].Length);
        Assert.Equal(700 * model.Config.CodeDim, embedding.Count);
        Assert.All(embedding, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void ATrainedTokenizerReconstructsHeldOutSequence()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"vqdna-learned-{Guid.NewGuid():N}");
        try
        {
            var corpus = GenomeCorpus.Load([RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")]);
            var config = new TokenizerTrainingConfig(VqTokenizerConfig.Tiny(), new OptimizationConfig(Steps: 60, LearningRate: 2e-3, WarmupSteps: 5, Seed: 1),
                WindowLength: 128, BatchSize: 8, EvalBatches: 2);
            TokenizerTrainer.Train(corpus, config, directory);
            using var tokenizer = LearnedTokenizer.Load(directory, window: 512);
            var record = corpus.Records[0];
            var heldOut = record.Sequence[record.HeldOutStart..];                    // never trained on
            var decoded = tokenizer.Decode(tokenizer.Encode(heldOut));
            double accuracy = heldOut.Zip(decoded).Count(p => p.First == p.Second) / (double)heldOut.Length;
            Assert.True(accuracy > 0.9, $"held-out reconstruction accuracy {accuracy:P2}");
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void BadCodesAndBadFoldersAreClearErrors()
    {
        torch.manual_seed(7);
        using var model = new VqTokenizerModel(VqTokenizerConfig.Tiny());
        var tokenizer = new LearnedTokenizer(model, window: 256);
        var e = Assert.Throws<ArgumentException>(() => tokenizer.Decode([[1, 2, 999], [0, 0, 0]]));
        Assert.Contains("999", e.Message);
        Assert.Throws<ArgumentException>(() => tokenizer.Decode([[1, 2, 3]]));
        Assert.Throws<DirectoryNotFoundException>(() => LearnedTokenizer.Load("/nonexistent/tokenizer"));
        var empty = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var missing = Assert.Throws<InvalidDataException>(() => LearnedTokenizer.Load(empty));
            Assert.Contains("config.json is missing", missing.Message);
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }
}

public sealed class LearnedTokenizerAsITokenizerTests
{
    [Theory]
    [InlineData("vq")]
    [InlineData("hrq")]
    public void LoadsThroughTokenizerFileLikeTheBaselines(string kind)
    {
        var directory = Directory.CreateTempSubdirectory("vqdna-itok-").FullName;
        try
        {
            torch.manual_seed(8);
            using (var model = new VqTokenizerModel(VqTokenizerConfig.Tiny(kind == "vq" ? 1 : 2) with { KMeansInit = false }))
                VqTokenizerFolder.Save(model, directory);
            var tokenizer = VqDna.Tokenizers.TokenizerFile.Load(directory);
            Assert.Equal(kind, tokenizer.Type);
            var ids = tokenizer.Encode("ACGTNACGTTTGCA");
            Assert.Equal(14, ids.Length);
            Assert.Equal(tokenizer.Special.Unk, ids[4]);                              // N is [UNK], as in the other tokenizers
            Assert.All(ids.Where((_, i) => i != 4), id => Assert.InRange(id, 5, tokenizer.VocabSize - 1));
            Assert.Equal(kind == "vq", tokenizer.CanDecode);
            if (tokenizer.CanDecode) Assert.Equal('N', tokenizer.Decode(ids)[4]);
            else Assert.Throws<NotSupportedException>(() => tokenizer.Decode(ids));
            Assert.Equal("[CLS]", tokenizer.IdToToken(2));
            ((IDisposable)tokenizer).Dispose();
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}

public sealed class TokenizerFolderErrorTests
{
    private static string SavedTinyFolder(RepoData.TempFolder temp)
    {
        torch.manual_seed(9);
        using var model = new VqTokenizerModel(VqTokenizerConfig.Tiny());
        VqTokenizerFolder.Save(model, temp.Path);
        return temp.Path;
    }

    [Fact]
    public void WeightsThatDoNotFitTheConfigAreRefusedByName()
    {
        using var temp = RepoData.NewTempFolder();
        var folder = SavedTinyFolder(temp);
        var configPath = Path.Combine(folder, "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"width\": 32", "\"width\": 48"));
        var e = Assert.Throws<InvalidDataException>(() => VqTokenizerFolder.Load(folder));
        Assert.Contains("model.safetensors", e.Message);
        Assert.Contains("does not fit config.json", e.Message);
    }

    [Fact]
    public void ACorruptConfigOrWeightsFileIsAnErrorNamingTheFile()
    {
        using var temp = RepoData.NewTempFolder();
        var folder = SavedTinyFolder(temp);
        File.WriteAllText(Path.Combine(folder, "config.json"), "{ \"width\": ");
        var config = Assert.Throws<InvalidDataException>(() => VqTokenizerFolder.Load(folder));
        Assert.Contains("config.json", config.Message);

        using var temp2 = RepoData.NewTempFolder();
        var folder2 = SavedTinyFolder(temp2);
        var weights = Path.Combine(folder2, "model.safetensors");
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..100]);     // truncated
        var truncated = Assert.Throws<InvalidDataException>(() => VqTokenizerFolder.Load(folder2));
        Assert.Contains("model.safetensors", truncated.Message);
    }

    [Fact]
    public void AnEmptyOrTruncatedWeightsFileIsReportedAsDamagedNotAsAMismatch()
    {
        // Issue 19: every safetensors corruption, even a 0-byte file, was reported as "does not fit config.json".
        foreach (var length in new[] { 0, 5, 100 })
        {
            using var temp = RepoData.NewTempFolder();
            var folder = SavedTinyFolder(temp);
            var weights = Path.Combine(folder, "model.safetensors");
            File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..length]);
            var e = Assert.Throws<InvalidDataException>(() => VqTokenizerFolder.Load(folder));
            Assert.Contains("is not a valid safetensors file", e.Message);
            Assert.DoesNotContain("does not fit", e.Message);
        }
    }

    [Fact]
    public void NonFiniteWeightsAreRefusedNamingTheTensorAndFile()
    {
        // Issue 19: NaN weights loaded silently and every code became 0.
        using var temp = RepoData.NewTempFolder();
        var folder = SavedTinyFolder(temp);
        var weights = Path.Combine(folder, "model.safetensors");
        var state = VqDna.Torch.Serialization.Safetensors.Load(weights);
        var (name, first) = state.First(kv => kv.Value.dtype.IsFloatingPoint());
        var poisoned = first.clone();
        using (var flat = poisoned.view(-1)) using (var element = flat[0]) element.fill_(double.NaN);
        state[name] = poisoned;
        VqDna.Torch.Serialization.Safetensors.Save(state, weights);
        var e = Assert.Throws<InvalidDataException>(() => VqTokenizerFolder.Load(folder));
        Assert.Contains($"tensor '{name}'", e.Message);
        Assert.Contains("model.safetensors", e.Message);
        Assert.Contains("NaN", e.Message);
        foreach (var t in state.Values) t.Dispose();
        first.Dispose();
    }

    [Fact]
    public void ATokenizerJsonThatContradictsConfigJsonIsAnError()
    {
        using var temp = RepoData.NewTempFolder();
        var folder = SavedTinyFolder(temp);
        var info = Path.Combine(folder, "tokenizer.json");
        File.WriteAllText(info, File.ReadAllText(info).Replace("\"code_dim\": 16", "\"code_dim\": 17"));
        var e = Assert.Throws<InvalidDataException>(() => VqTokenizerFolder.Load(folder));
        Assert.Contains("code_dim is 17, but config.json gives 16", e.Message);
    }

    [Fact]
    public void ABaselineTokenizerJsonIsNotTakenForALearnedOne()
    {
        using var temp = RepoData.NewTempFolder();
        var folder = SavedTinyFolder(temp);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"),
            "{\"type\": \"kmer\", \"levels\": 1, \"codebook_sizes\": [4], \"code_dim\": 4, \"receptive_radius\": 1, \"model\": \"m\", \"version\": \"0\"}");
        var e = Assert.Throws<InvalidDataException>(() => VqTokenizerFolder.Load(folder));
        Assert.Contains("not a learned one", e.Message);
    }
}
