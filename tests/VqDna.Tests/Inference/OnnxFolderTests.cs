using VqDna.Inference;

namespace VqDna.Tests.Inference;

public sealed class OnnxFolderTests : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    private static readonly DateTime Exported = new(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    private static string Touch(string path, DateTime time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0]);
        File.SetLastWriteTimeUtc(path, time);
        return path;
    }

    /// <summary>An adapter folder (adapter_config.json naming ../base relative) with model.onnx; the base holds model.safetensors.</summary>
    private (string Adapter, string BaseWeights) AdapterWithExport(DateTime baseWeights)
    {
        var adapter = Path.Combine(temp.Path, "finetuned");
        Directory.CreateDirectory(adapter);
        File.WriteAllText(Path.Combine(adapter, "adapter_config.json"),
            """{"peft_type": "LORA", "task_type": "SEQ_CLS", "base_model_name_or_path": "../base", "r": 8, "lora_alpha": 32, "lora_dropout": 0.05, "target_modules": ["query", "value"]}""");
        Touch(Path.Combine(adapter, "adapter_model.safetensors"), Exported.AddHours(-1));
        Touch(Path.Combine(adapter, OnnxFolder.OnnxFile), Exported);
        return (adapter, Touch(Path.Combine(temp.Path, "base", "model.safetensors"), baseWeights));
    }

    [Fact]
    public void AnExportNewerThanTheAdapterAndItsBaseIsUsed()
    {
        var (adapter, _) = AdapterWithExport(baseWeights: Exported.AddDays(-1));
        Assert.Equal(Path.Combine(adapter, OnnxFolder.OnnxFile), OnnxFolder.UpToDateExport(adapter));
    }

    [Fact]
    public void ABasePreTrainedAgainAfterTheExportMakesItStale()
    {
        // The adapter's own weights are older than model.onnx; only the base it folds in changed.
        var (adapter, _) = AdapterWithExport(baseWeights: Exported.AddMinutes(5));
        Assert.Null(OnnxFolder.UpToDateExport(adapter));
    }

    [Fact]
    public void AFolderTrainedAgainAfterTheExportMakesItStale()
    {
        var folder = Path.Combine(temp.Path, "model");
        Touch(Path.Combine(folder, OnnxFolder.OnnxFile), Exported);
        Touch(Path.Combine(folder, "model.safetensors"), Exported.AddSeconds(-1));
        Assert.NotNull(OnnxFolder.UpToDateExport(folder));
        Touch(Path.Combine(folder, "model.safetensors"), Exported.AddSeconds(1));
        Assert.Null(OnnxFolder.UpToDateExport(folder));
    }
}
