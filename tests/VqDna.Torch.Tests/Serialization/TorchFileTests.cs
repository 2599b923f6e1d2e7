using System.Diagnostics;
using System.Text.Json;
using VqDna.Testing;
using VqDna.Torch.Serialization;

namespace VqDna.Torch.Tests.Serialization;

/// <summary>
/// TorchFile against real PyTorch: what we save, torch.load reads; what torch.save writes (a dict, an
/// OrderedDict state_dict), we load. These need Debian's /usr/bin/python3 with python3-torch; without
/// it they fail (they never pass by skipping), because the file format is a promise to PyTorch users.
/// </summary>
public sealed class TorchFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vqdna-torchfile-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string PathFor(string name) => System.IO.Path.Combine(directory, name);

    [Fact]
    public void TorchLoadReadsWhatSaveWrote()
    {
        var path = PathFor("ours.pt");
        using (var scope = torch.NewDisposeScope())
        {
            var weight = torch.tensor(new float[] { -1, -0.5f, 0, 0.5f, 1, 1.5f }, [2, 3]);
            var saved = new List<KeyValuePair<string, Tensor>>
            {
                new("encoder.layers.0.weight", weight),
                new("ids", torch.tensor(new long[] { 3, -1, 7, 1L << 40 })),
                new("mask", torch.tensor(new[] { true, false, false, true }, [2, 2])),
                new("float64", torch.tensor(new[] { 0.1, 1e-300, -2.5 })),
                new("half", torch.tensor(new float[] { 0.5f, -2, 1024 }).to(ScalarType.Float16)),
                new("scalar", torch.scalar_tensor(3.25)),
                new("transposed", weight.t()), // a non-contiguous view
            };
            TorchFile.Save(saved, path);
        }

        var loaded = Python.Json("""
            import json, sys, torch
            d = torch.load(sys.argv[1])
            print(json.dumps({"type": type(d).__name__, "entries": [
                {"key": k, "dtype": str(v.dtype), "shape": list(v.shape), "data": v.reshape(-1).tolist()} for k, v in d.items()]}))
            """, path);

        Assert.Equal("dict", loaded.GetProperty("type").GetString());
        var entries = loaded.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(["encoder.layers.0.weight", "ids", "mask", "float64", "half", "scalar", "transposed"],
            entries.Select(e => e.GetProperty("key").GetString()!).ToArray());
        AssertEntry(entries[0], "torch.float32", [2, 3], [-1, -0.5, 0, 0.5, 1, 1.5]);
        AssertEntry(entries[1], "torch.int64", [4], [3, -1, 7, 1L << 40]);
        Assert.Equal([true, false, false, true], entries[2].GetProperty("data").EnumerateArray().Select(e => e.GetBoolean()));
        AssertEntry(entries[2], "torch.bool", [2, 2], null);
        AssertEntry(entries[3], "torch.float64", [3], [0.1, 1e-300, -2.5]);
        AssertEntry(entries[4], "torch.float16", [3], [0.5, -2, 1024]);
        AssertEntry(entries[5], "torch.float32", [], [3.25]);
        AssertEntry(entries[6], "torch.float32", [3, 2], [-1, 0.5, -0.5, 1, 0, 1.5]);
    }

    private static void AssertEntry(JsonElement entry, string dtype, long[] shape, double[]? data)
    {
        string key = entry.GetProperty("key").GetString()!;
        Assert.True(dtype == entry.GetProperty("dtype").GetString(), $"TorchFile.Save '{key}': torch.load sees dtype {entry.GetProperty("dtype")}, expected {dtype}");
        var actualShape = entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.True(shape.SequenceEqual(actualShape), $"TorchFile.Save '{key}': torch.load sees shape [{string.Join(", ", actualShape)}], expected [{string.Join(", ", shape)}]");
        if (data is null) return;
        var actual = entry.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.True(data.SequenceEqual(actual), $"TorchFile.Save '{key}': torch.load sees [{string.Join(", ", actual)}], expected [{string.Join(", ", data)}]");
    }

    [Fact]
    public void LoadReadsAPlainDictFromTorchSave()
    {
        var path = PathFor("plain.pt");
        Python.Run("""
            import sys, torch
            torch.save({
                "a": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4,
                "b": torch.tensor([1, -2, 3]),
                "c": torch.tensor([True, False]),
                "d": torch.tensor([0.1, -1e-300], dtype=torch.float64),
                "view": torch.arange(10.0)[2:8:2],  # a strided view into a larger storage
            }, sys.argv[1])
            """, path);

        var loaded = TorchFile.Load(path);
        try
        {
            Assert.Equal(["a", "b", "c", "d", "view"], loaded.Keys);
            AssertTensor("a", loaded["a"], ScalarType.Float32, [2, 3]);
            Assert.Equal([0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f], loaded["a"].ToArray<float>());
            AssertTensor("b", loaded["b"], ScalarType.Int64, [3]);
            Assert.Equal([1L, -2L, 3L], loaded["b"].ToArray<long>());
            AssertTensor("c", loaded["c"], ScalarType.Bool, [2]);
            Assert.Equal([true, false], loaded["c"].ToArray<bool>());
            AssertTensor("d", loaded["d"], ScalarType.Float64, [2]);
            Assert.Equal([0.1, -1e-300], loaded["d"].ToArray<double>());
            AssertTensor("view", loaded["view"], ScalarType.Float32, [3]);
            Assert.Equal([2f, 4f, 6f], loaded["view"].ToArray<float>());
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    [Fact]
    public void LoadReadsAnOrderedDict()
    {
        var path = PathFor("ordered.pt");
        Python.Run("""
            import collections, sys, torch
            torch.save(collections.OrderedDict([("z", torch.ones(2)), ("a", torch.zeros(1, dtype=torch.int64))]), sys.argv[1])
            """, path);

        var loaded = TorchFile.Load(path);
        try
        {
            Assert.Equal(["z", "a"], loaded.Keys);
            Assert.Equal([1f, 1f], loaded["z"].ToArray<float>());
            Assert.Equal([0L], loaded["a"].ToArray<long>());
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    [Fact]
    public void LoadReadsAModuleStateDictOrderedDict()
    {
        var path = PathFor("state_dict.pt");
        Python.Run("""
            import sys, torch
            model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.LayerNorm(2))
            with torch.no_grad():
                for i, p in enumerate(model.parameters()):
                    p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) / 10 + i)
            state = model.state_dict()
            assert type(state).__name__ == "OrderedDict" and hasattr(state, "_metadata")
            torch.save(state, sys.argv[1])
            """, path);

        var loaded = TorchFile.Load(path);
        try
        {
            Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], loaded.Keys);
            AssertTensor("0.weight", loaded["0.weight"], ScalarType.Float32, [2, 3]);
            Assert.Equal([0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f], loaded["0.weight"].ToArray<float>());
            Assert.Equal([1f, 1.1f], loaded["0.bias"].ToArray<float>());
            Assert.Equal([2f, 2.1f], loaded["1.weight"].ToArray<float>());
            Assert.Equal([3f, 3.1f], loaded["1.bias"].ToArray<float>());
            Assert.All(loaded.Values, t => Assert.False(t.requires_grad, "TorchFile.Load: loaded tensors must not require grad"));
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    [Fact]
    public void RoundTripThroughOurOwnSaveAndLoad()
    {
        var path = PathFor("roundtrip.pt");
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1.5f, -2, 3 });
        var b = torch.tensor(new long[] { 4, 5 }, [1, 2]);
        TorchFile.Save([new("a", a), new("b", b)], path);
        var loaded = TorchFile.Load(path);
        Assert.Equal(["a", "b"], loaded.Keys);
        Assert.True(a.equal(loaded["a"]), "TorchFile round trip: 'a' changed");
        Assert.True(b.equal(loaded["b"]), "TorchFile round trip: 'b' changed");
        Assert.False(File.Exists(path + ".tmp-" + Environment.ProcessId), "TorchFile.Save left its temporary file behind");
    }

    [Fact]
    public void LoadOfANonDictFileNamesThePathAndWhatItHolds()
    {
        var path = PathFor("list.pt");
        Python.Run("import sys, torch; torch.save([torch.ones(2)], sys.argv[1])", path);
        var e = Assert.ThrowsAny<Exception>(() => TorchFile.Load(path));
        Assert.Contains(path, e.Message);
    }

    private static void AssertTensor(string key, Tensor t, ScalarType dtype, long[] shape)
    {
        Assert.True(t.dtype == dtype, $"TorchFile.Load '{key}': dtype {t.dtype}, torch.save wrote {dtype}");
        Assert.True(t.shape.SequenceEqual(shape), $"TorchFile.Load '{key}': shape [{string.Join(", ", t.shape)}], torch.save wrote [{string.Join(", ", shape)}]");
    }
}

/// <summary>Runs snippets under Debian's Python with torch; a missing interpreter or torch fails the test.</summary>
internal static class Python
{
    /// <summary>Runs the script with the given arguments and returns its standard output.</summary>
    public static string Run(string script, params string[] args) => PythonProcess.Run(PythonProcess.Interpreter, ["-c", script, .. args]);

    /// <summary>Runs the script and parses the last line it prints as JSON.</summary>
    public static JsonElement Json(string script, params string[] args)
    {
        var lines = Run(script, args).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0, "the Python snippet printed nothing");
        return JsonDocument.Parse(lines[^1]).RootElement;
    }
}
