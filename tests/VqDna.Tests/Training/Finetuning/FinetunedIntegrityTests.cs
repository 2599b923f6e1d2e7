using VqDna.ModelFolders;
using VqDna.Models.Encoder;
using VqDna.Tokenizers;
using VqDna.Torch;
using VqDna.Torch.Serialization;
using VqDna.Training.Finetuning;

namespace VqDna.Tests.Training.Finetuning;

/// <summary>A fine-tuned folder whose base or tokenizer was swapped is refused (issue 19, class 7).</summary>
public sealed class FinetunedIntegrityTests
{
    [Fact]
    public void AnAdapterRefusesABaseWithOtherWeightsUnlessForced()
    {
        using var temp = RepoData.NewTempFolder();
        var adapter = TinyFinetuned.Build(temp.Path, "char", FinetuneMode.Lora);
        Assert.True(File.Exists(Path.Combine(adapter, AdapterBase.HashFile)));
        using (var same = FinetunedModel.Load(adapter)) Assert.Null(same.BaseWarning);

        // Another model of the same shape in the base's place: every weight scaled, so the shapes still fit.
        var baseFolder = PeftAdapter.BaseFolder(adapter);
        var weights = Path.Combine(baseFolder, EncoderFolder.WeightsFile);
        var state = Safetensors.Load(weights);
        var changed = state.ToDictionary(kv => kv.Key, kv => kv.Value.dtype.IsFloatingPoint() ? kv.Value.mul(0.5) : kv.Value.clone());
        Safetensors.Save(changed, weights);
        foreach (var t in state.Values.Concat(changed.Values)) t.Dispose();

        var e = Assert.Throws<InvalidDataException>(() => FinetunedModel.Load(adapter));
        Assert.Contains("is not the base model the adapter", e.Message);
        Assert.Contains("--force", e.Message);
        using var forced = FinetunedModel.Load(adapter, force: true);
        Assert.Contains("is not the base model the adapter", forced.BaseWarning);
    }

    [Fact]
    public void ATokenizerThatDoesNotMatchTheEncoderIsRefusedByName()
    {
        // Issue 19: a k-mer size in tokenizer.json that disagreed with the model failed with "index out of range in self".
        using var temp = RepoData.NewTempFolder();
        var folder = TinyFinetuned.Build(temp.Path, "kmer3", FinetuneMode.Full);
        new KmerTokenizer(5).Save(Path.Combine(folder, TokenizerFile.FileName));
        var e = Assert.Throws<InvalidDataException>(() => FinetunedModel.Load(folder));
        Assert.Contains("the tokenizer and the model do not belong together", e.Message);
    }
}
