using System.Text.Json.Nodes;
using VqDna.Models.Encoder;
using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Tests.Models.Encoder;

public sealed class EncoderFolderTests
{
    private static void AssertSameState(Module expected, Module actual)
    {
        var a = expected.StateDict();
        var b = actual.StateDict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (key, tensor) in a) Assert.True(tensor.equal(b[key]), $"'{key}' differs after the round trip");
    }

    [Fact]
    public void ConfigJsonRebuildsTheSameModel()
    {
        using var folder = RepoData.NewTempFolder();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(21);
        using var mlm = new DnaForMaskedModeling(TinyEncoder.Vectors());
        EncoderFolder.Save(mlm, folder.Path);
        var json = JsonNode.Parse(File.ReadAllText(folder.File(EncoderFolder.ConfigFile)))!;
        Assert.Equal("DnaForMaskedModeling", (string?)json["architecture"]);
        Assert.Equal(32, (int?)json["encoder"]!["width"]);
        Assert.Equal("[16,32]", json["encoder"]!["output_vocab"]!.ToJsonString());

        using var loaded = EncoderFolder.LoadMaskedModeling(folder.Path);
        Assert.Equal(mlm.Config, loaded.Config);
        AssertSameState(mlm, loaded);
        Assert.False(loaded.training);

        using var classifier = new DnaForSequenceClassification(TinyEncoder.Ids(), new ClassifierConfig(5, Probe: true));
        EncoderFolder.Save(classifier, folder.File("cls"));
        using var loadedClassifier = EncoderFolder.LoadSequenceClassification(folder.File("cls"));
        Assert.Equal(new ClassifierConfig(5, Probe: true), loadedClassifier.Classifier);
        AssertSameState(classifier, loadedClassifier);
    }

    [Fact]
    public void AMismatchIsAnErrorNamingTheFile()
    {
        using var folder = RepoData.NewTempFolder();
        using var scope = torch.NewDisposeScope();
        using var mlm = new DnaForMaskedModeling(TinyEncoder.Ids());
        EncoderFolder.Save(mlm, folder.Path);
        var wrongKind = Assert.Throws<InvalidDataException>(() => EncoderFolder.LoadSequenceClassification(folder.Path));
        Assert.Contains("not a DnaForSequenceClassification", wrongKind.Message);
        var configPath = folder.File(EncoderFolder.ConfigFile);
        var json = JsonNode.Parse(File.ReadAllText(configPath))!;
        json["encoder"]!["feed_forward"] = 48;
        File.WriteAllText(configPath, json.ToJsonString());
        var e = Assert.Throws<InvalidDataException>(() => EncoderFolder.LoadMaskedModeling(folder.Path));
        Assert.Contains(EncoderFolder.WeightsFile, e.Message);
        Assert.Contains("layers.0.mlp.fc1.weight", e.Message);

        json["encoder"]!["heads"] = 5;
        File.WriteAllText(configPath, json.ToJsonString());
        var invalid = Assert.Throws<InvalidDataException>(() => EncoderFolder.LoadMaskedModeling(folder.Path));
        Assert.Contains(configPath, invalid.Message);
        Assert.Contains("Heads", invalid.Message);

    }

    [Fact]
    public void APretrainedEncoderSeedsTheClassifier()
    {
        using var folder = RepoData.NewTempFolder();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(22);
        using var mlm = new DnaForMaskedModeling(TinyEncoder.Ids());
        EncoderFolder.Save(mlm, folder.Path);
        using var classifier = EncoderFolder.LoadForClassification(folder.Path, new ClassifierConfig(2));
        AssertSameState(mlm.encoder, classifier.encoder);
        Assert.Equal(mlm.Config, classifier.Config);
    }

    [Fact]
    public void AModelCarryingLoRAIsNotSavedAsAPlainModel()
    {
        using var folder = RepoData.NewTempFolder();
        using var scope = torch.NewDisposeScope();
        using var model = new DnaForSequenceClassification(TinyEncoder.Ids(), new ClassifierConfig(2));
        LoRA.Inject(model, new LoRAConfig());
        var e = Assert.Throws<InvalidOperationException>(() => EncoderFolder.Save(model, folder.Path));
        Assert.Contains("MergeAndUnload", e.Message);
        LoRA.MergeAndUnload(model);
        EncoderFolder.Save(model, folder.Path);
        using var loaded = EncoderFolder.LoadSequenceClassification(folder.Path);
        AssertSameState(model, loaded);
    }
}
