using System.IO.Compression;
using System.Text;
using System.Text.Json;
using VqDna.Torch.Serialization;

namespace VqDna.Torch.Tests.Serialization;

/// <summary>
/// The C# reader of torch.save's zip format: files written by Debian's PyTorch (through <see cref="Python"/>,
/// which fails, never skips, without /usr/bin/python3 and torch) must load value for value, and malformed or
/// hostile files must fail with an <see cref="InvalidDataException"/> naming the file, never crash, hang,
/// or run anything.
/// </summary>
public sealed class TorchZipReaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vqdna-torchzip-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string PathFor(string name) => Path.Combine(directory, name);

    /// <summary>
    /// Python code appended to a snippet that defined <c>obj</c>: saves it to argv[1] and prints what
    /// torch.load sees, per entry, as the reference the C# side must match.
    /// </summary>
    private const string SaveAndDescribe = """

        torch.save(obj, sys.argv[1], **(save_args if "save_args" in dir() else {}))
        def describe(v):
            data = v.reshape(-1).long().tolist() if v.dtype in (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool) \
                else v.reshape(-1).double().tolist()
            return {"dtype": str(v.dtype).removeprefix("torch."), "shape": list(v.shape), "data": data}
        print(json.dumps({k: describe(v) for k, v in torch.load(sys.argv[1]).items()}))
        """;

    /// <summary>Saves with Python, loads with <see cref="TorchFile.Load"/>, and compares every entry to torch.load's view.</summary>
    private void AssertLoadsLikeTorch(string name, string script, string[] expectedKeys)
    {
        var path = PathFor(name);
        var expected = Python.Json("import collections, json, sys, torch\n" + script + SaveAndDescribe, path);
        var loaded = TorchFile.Load(path);
        try
        {
            Assert.Equal(expectedKeys, loaded.Keys);
            Assert.Equal(expectedKeys, expected.EnumerateObject().Select(p => p.Name));
            foreach (var (key, tensor) in loaded)
                AssertMatches(name, key, tensor, expected.GetProperty(key));
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    private static void AssertMatches(string file, string key, Tensor t, JsonElement expected)
    {
        string where = $"{file} '{key}'";
        Assert.True(expected.GetProperty("dtype").GetString() == DtypeName(t.dtype), $"{where}: dtype {t.dtype}, torch.load sees {expected.GetProperty("dtype")}");
        var shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.True(shape.SequenceEqual(t.shape), $"{where}: shape [{string.Join(", ", t.shape)}], torch.load sees [{string.Join(", ", shape)}]");
        Assert.True(t.is_contiguous(), $"{where}: a loaded tensor must be contiguous");
        Assert.False(t.requires_grad, $"{where}: a loaded tensor must not require grad");
        var data = expected.GetProperty("data");
        if (t.dtype.IsFloatingPoint())
        {
            using var asDouble = t.to(ScalarType.Float64);
            var actual = asDouble.ToArray<double>();
            var want = data.EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.True(want.SequenceEqual(actual), $"{where}: [{string.Join(", ", actual)}], torch.load sees [{string.Join(", ", want)}]");
        }
        else
        {
            using var asLong = t.to(ScalarType.Int64);
            var actual = asLong.ToArray<long>();
            var want = data.EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Assert.True(want.SequenceEqual(actual), $"{where}: [{string.Join(", ", actual)}], torch.load sees [{string.Join(", ", want)}]");
        }
    }

    private static string DtypeName(ScalarType t) => t switch
    {
        ScalarType.UInt8 => "uint8",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Bool => "bool",
        ScalarType.BFloat16 => "bfloat16",
        _ => t.ToString(),
    };

    [Fact]
    public void ReadsAModuleStateDictWithMetadata()
    {
        // BatchNorm adds running stats and a 0-dim int64 num_batches_tracked; _metadata rides on the OrderedDict.
        AssertLoadsLikeTorch("state_dict.pt", """
            model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4), torch.nn.LayerNorm(4))
            with torch.no_grad():
                for i, p in enumerate(model.parameters()):
                    p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) / 7 - i)
            model(torch.linspace(-1, 1, 6).reshape(2, 3))  # training mode: updates the running stats
            obj = model.state_dict()
            assert type(obj) is collections.OrderedDict and obj._metadata[""] is not None
            """,
            ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "2.weight", "2.bias"]);
    }

    [Fact]
    public void ReadsEveryDtype()
    {
        AssertLoadsLikeTorch("dtypes.pt", """
            obj = {
                "f16": torch.tensor([0.5, -2, 65504, 6e-8, -0.0], dtype=torch.float16),
                "bf16": torch.tensor([1.5, -3e38, 1e-38, 0.0078125], dtype=torch.bfloat16),
                "f32": torch.tensor([[1e-45, -3.4e38], [0.1, 7]], dtype=torch.float32),
                "f64": torch.tensor([0.1, -1e-300, 1e300, 5e-324], dtype=torch.float64),
                "i64": torch.tensor([1 << 40, -1, -(1 << 62), 9223372036854775807], dtype=torch.int64),
                "i32": torch.tensor([-2147483648, 2147483647], dtype=torch.int32),
                "i16": torch.tensor([-32768, 12345], dtype=torch.int16),
                "i8": torch.tensor([-128, 127], dtype=torch.int8),
                "u8": torch.tensor([0, 255, 7], dtype=torch.uint8),
                "bool": torch.tensor([[True, False, True]]),
            }
            """,
            ["f16", "bf16", "f32", "f64", "i64", "i32", "i16", "i8", "u8", "bool"]);
    }

    [Fact]
    public void ReadsNonContiguousViews()
    {
        AssertLoadsLikeTorch("views.pt", """
            base = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
            obj = {
                "transposed": torch.arange(6.0).reshape(2, 3).t(),
                "permuted_strided": base.permute(2, 0, 1)[1:, :, ::2],
                "offset_slice": torch.arange(10, dtype=torch.int64)[3:9:3],
            }
            assert not obj["permuted_strided"].is_contiguous()
            """,
            ["transposed", "permuted_strided", "offset_slice"]);
    }

    [Fact]
    public void TensorsSharingOneStorageEachComeOutRightAndIndependent()
    {
        var path = PathFor("shared.pt");
        AssertLoadsLikeTorch("shared.pt", """
            base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
            obj = {"base": base, "row": base[1], "column": base[:, 2], "t": base.t(), "corner": base[2, 3]}
            """,
            ["base", "row", "column", "t", "corner"]);

        using (var zip = ZipFile.OpenRead(path))
            Assert.Single(zip.Entries, e => e.FullName.Contains("/data/"));

        var loaded = TorchFile.Load(path);
        try
        {
            // Writing through one entry must not show through another: the file shares, the result must not.
            loaded["row"].fill_(-1);
            Assert.Equal([0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], loaded["base"].ToArray<float>());
            Assert.Equal([2f, 6, 10], loaded["column"].ToArray<float>());
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    [Fact]
    public void ReadsZeroDimAndEmptyTensors()
    {
        AssertLoadsLikeTorch("scalars.pt", """
            obj = {
                "scalar": torch.tensor(3.25),
                "scalar_view": torch.arange(5, dtype=torch.int64)[3],  # 0-dim, offset 3 into a 5-element storage
                "empty": torch.zeros(0, 3),
                "empty_int": torch.tensor([], dtype=torch.int32),
            }
            """,
            ["scalar", "scalar_view", "empty", "empty_int"]);
    }

    [Fact]
    public void ReadsAParameterAsPlainData()
    {
        AssertLoadsLikeTorch("parameter.pt", """
            p = torch.nn.Parameter(torch.tensor([[1.0, -2.0], [0.5, 4.0]]))
            assert p.requires_grad
            obj = {"p": p, "frozen": torch.nn.Parameter(torch.ones(3, dtype=torch.float64), requires_grad=False)}
            """,
            ["p", "frozen"]);
    }

    [Theory]
    [InlineData(4)] // FRAME, MEMOIZE, SHORT_BINUNICODE, STACK_GLOBAL
    [InlineData(5)]
    public void ReadsNewerPickleProtocols(int protocol)
    {
        AssertLoadsLikeTorch($"protocol{protocol}.pt", $$"""
            model = torch.nn.Linear(2, 3)
            obj = collections.OrderedDict([("w", model.weight.detach()), ("b16", torch.ones(2, dtype=torch.bfloat16)), ("view", torch.arange(8)[1::3])])
            save_args = {"pickle_protocol": {{protocol}}}
            """,
            ["w", "b16", "view"]);
    }

    [Fact]
    public void ReadsAHandBuiltFile()
    {
        // Independent of Python: the smallest file torch.save could have written, built opcode by opcode.
        var path = PathFor("handmade.pt");
        WriteTorchZip(path, TensorPickle(offset: 1, size: [2, 2], stride: [1, 2], numel: 5), storage: Floats(0, 1, 2, 3, 4));
        var loaded = TorchFile.Load(path);
        try
        {
            Assert.Equal(["k"], loaded.Keys);
            Assert.Equal([2L, 2L], loaded["k"].shape);
            Assert.Equal([1f, 3, 2, 4], loaded["k"].ToArray<float>());
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    [Fact]
    public void ReadsWhatTorchFileSaveWrites()
    {
        // libtorch's pickle_save wraps the dict in torch.jit._pickle.restore_type_tag and shares storages between views.
        var path = PathFor("ours.pt");
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new float[] { 1, -2, 3, 4.5f, 5, 6 }, [2, 3]);
        var saved = new List<KeyValuePair<string, Tensor>>
        {
            new("w", w),
            new("t", w.t()),
            new("scalar", torch.scalar_tensor(2.5)),
            new("mask", torch.tensor(new[] { true, false })),
            new("bf16", w.to(ScalarType.BFloat16)),
            new("ids", torch.tensor(new long[] { -1, 1L << 50 })),
        };
        TorchFile.Save(saved, path);
        var loaded = TorchFile.Load(path);
        Assert.Equal(saved.Select(e => e.Key), loaded.Keys);
        foreach (var (key, tensor) in saved)
        {
            Assert.True(tensor.dtype == loaded[key].dtype, $"'{key}': dtype {loaded[key].dtype}, saved {tensor.dtype}");
            Assert.True(tensor.equal(loaded[key]), $"'{key}': {loaded[key].ToStringWithValues()}, saved {tensor.ToStringWithValues()}");
        }
    }

    // ---- files that must be refused ----

    private InvalidDataException AssertRefused(string path, params string[] fragments)
    {
        var e = Assert.Throws<InvalidDataException>(() => TorchFile.Load(path));
        Assert.Contains(path, e.Message);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
        return e;
    }

    [Fact]
    public void RefusesAFileThatIsNotAZip()
    {
        var path = PathFor("text.pt");
        File.WriteAllText(path, "weights, honest");
        AssertRefused(path, "not a zip");
        File.WriteAllBytes(path, []);
        AssertRefused(path, "not a zip");
        File.WriteAllBytes(path, [(byte)'P', (byte)'K', 3, 4, 0, 0]); // a zip signature and nothing after it
        AssertRefused(path, "zip");
    }

    [Fact]
    public void RefusesTheLegacyFormatByName()
    {
        var path = PathFor("legacy.pt");
        Python.Run("import sys, torch; torch.save({'a': torch.ones(2)}, sys.argv[1], _use_new_zipfile_serialization=False)", path);
        AssertRefused(path, "legacy", "_use_new_zipfile_serialization=False");
    }

    [Fact]
    public void RefusesAZipWithoutDataPkl()
    {
        var path = PathFor("nodata.pt");
        WriteZip(path, new() { ["archive/version"] = "3\n"u8.ToArray(), ["archive/data/0"] = new byte[4] });
        AssertRefused(path, "data.pkl");
    }

    [Fact]
    public void RefusesBigEndianStorage()
    {
        var path = PathFor("big.pt");
        WriteTorchZip(path, TensorPickle(0, [1], [1], 1), Floats(1), extra: new() { ["archive/byteorder"] = "big"u8.ToArray() });
        AssertRefused(path, "big-endian");
    }

    [Fact]
    public void RefusesEveryTruncationOfDataPkl()
    {
        var source = PathFor("whole.pt");
        Python.Run("""
            import collections, sys, torch
            model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.LayerNorm(2))
            torch.save(model.state_dict(), sys.argv[1])
            """, source);
        byte[] pickle = ReadEntries(source).Single(e => e.Key.EndsWith("/data.pkl")).Value;

        var path = PathFor("truncated.pt");
        for (int length = 0; length < pickle.Length; length++)
        {
            RewriteZip(source, path, (name, bytes) => name.EndsWith("/data.pkl") ? bytes[..length] : bytes);
            AssertRefused(path, "data.pkl");
        }
    }

    [Fact]
    public void CorruptedDataPklLoadsOrFailsCleanly()
    {
        // Every single-byte corruption must end in a result or an InvalidDataException: no other exception,
        // no crash, no hang. Values are deterministic so a failure reproduces.
        var source = PathFor("whole.pt");
        Python.Run("""
            import collections, sys, torch
            torch.save(collections.OrderedDict([("a", torch.ones(2, 3)), ("b", torch.arange(6)[::2]), ("c", torch.tensor(True))]), sys.argv[1])
            """, source);
        byte[] pickle = ReadEntries(source).Single(e => e.Key.EndsWith("/data.pkl")).Value;
        var random = new Random(1234);
        var path = PathFor("corrupt.pt");
        for (int i = 0; i < pickle.Length; i++)
        {
            foreach (byte value in new[] { (byte)0, (byte)0xff, (byte)random.Next(256), (byte)(pickle[i] ^ 1) })
            {
                RewriteZip(source, path, (name, bytes) =>
                {
                    if (!name.EndsWith("/data.pkl")) return bytes;
                    var copy = (byte[])bytes.Clone();
                    copy[i] = value;
                    return copy;
                });
                try
                {
                    foreach (var t in TorchFile.Load(path).Values) t.Dispose();
                }
                catch (InvalidDataException e)
                {
                    Assert.Contains(path, e.Message);
                }
            }
        }
    }

    [Fact]
    public void RefusesForbiddenGlobalsWithoutRunningThem()
    {
        var marker = PathFor("pwned");
        var command = Encoding.UTF8.GetBytes($"touch {marker}");

        // GLOBAL 'os system', then REDUCE with (command,): what a hostile pickle would do.
        var viaGlobal = new List<byte>();
        viaGlobal.AddRange([0x80, 2]);
        viaGlobal.AddRange("cos\nsystem\n"u8.ToArray());
        AddBinUnicode(viaGlobal, command);
        viaGlobal.AddRange([0x85, (byte)'R', (byte)'.']);
        var path = PathFor("evil-global.pt");
        WriteTorchZip(path, viaGlobal.ToArray(), storage: null);
        AssertRefused(path, "os.system");

        // The same through STACK_GLOBAL, as the value of a dict entry.
        var viaStack = new List<byte>();
        viaStack.AddRange([0x80, 4, (byte)'}']);
        AddBinUnicode(viaStack, "k"u8.ToArray());
        AddBinUnicode(viaStack, "builtins"u8.ToArray());
        AddBinUnicode(viaStack, "eval"u8.ToArray());
        viaStack.Add(0x93);
        AddBinUnicode(viaStack, "1+1"u8.ToArray());
        viaStack.AddRange([0x85, (byte)'R', (byte)'s', (byte)'.']);
        path = PathFor("evil-stack.pt");
        WriteTorchZip(path, viaStack.ToArray(), storage: null);
        AssertRefused(path, "builtins.eval");

        // A torch global that is not on the allow-list is refused just the same.
        path = PathFor("torch-load.pt");
        WriteTorchZip(path, [0x80, 2, .. "ctorch\nload\n"u8.ToArray(), (byte)'.'], storage: null);
        AssertRefused(path, "torch.load");

        Assert.False(File.Exists(marker), "a forbidden global was executed");
    }

    [Fact]
    public void RefusesAMissingStorageEntry()
    {
        var source = PathFor("source.pt");
        Python.Run("import sys, torch; torch.save({'a': torch.ones(3), 'b': torch.zeros(2)}, sys.argv[1])", source);
        var path = PathFor("missing.pt");
        RewriteZip(source, path, (name, bytes) => name.EndsWith("/data/1") ? null : bytes);
        AssertRefused(path, "storage '1'", "no zip entry");
    }

    [Fact]
    public void RefusesAStorageShorterThanItsNumel()
    {
        var source = PathFor("source.pt");
        Python.Run("import sys, torch; torch.save({'a': torch.ones(3)}, sys.argv[1])", source);
        var path = PathFor("short.pt");
        RewriteZip(source, path, (name, bytes) => name.EndsWith("/data/0") ? bytes[..8] : bytes);
        AssertRefused(path, "storage '0'", "needs 12 bytes", "holds 8");
    }

    [Theory]
    [InlineData(0, new long[] { 6 }, new long[] { 1 }, 5)] // more elements than the storage has
    [InlineData(3, new long[] { 3 }, new long[] { 1 }, 5)] // the offset pushes the end past it
    [InlineData(0, new long[] { 2, 2 }, new long[] { 1, 4 }, 5)] // a stride reaches past it
    [InlineData(5, new long[] { }, new long[] { }, 5)] // a 0-dim tensor just past the end
    [InlineData(0, new long[] { 1L << 62, 4 }, new long[] { 4, 1 }, 5)] // overflows long
    [InlineData(0, new long[] { -1 }, new long[] { 1 }, 5)] // negative size
    [InlineData(-1, new long[] { 1 }, new long[] { 1 }, 5)] // negative offset
    public void RefusesAViewOutsideItsStorage(long offset, long[] size, long[] stride, int numel)
    {
        var path = PathFor("outside.pt");
        WriteTorchZip(path, TensorPickle(offset, size, stride, numel), Floats(new float[numel]));
        AssertRefused(path, "data.pkl", "_rebuild_tensor_v2");
    }

    [Fact]
    public void AnEntryDeclaringGigabytesCostsOnlyWhatIsThere()
    {
        // Found by AFL++ (scripts/fuzz.sh torchzip): this 899-byte file declares a data.pkl of about 2 GB, and the
        // reader allocated all of it before finding the entry damaged (OutOfMemoryException under a 512 MiB heap).
        var path = Path.Combine(AppContext.BaseDirectory, "Serialization", "FuzzFindings", "declares-huge-entry.pt");
        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, "data.pkl", "is damaged");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "reading the file allocated over 16 MiB");
    }

    [Fact]
    public void RefusesANumelThatDisagreesWithTheEntry()
    {
        var path = PathFor("numel.pt");
        WriteTorchZip(path, TensorPickle(0, [2], [1], numel: 1 << 30), Floats(1, 2));
        AssertRefused(path, "storage '0'", "needs 4294967296 bytes", "holds 8");
    }

    [Fact]
    public void RefusesATopLevelThatIsNotADictOfTensors()
    {
        var path = PathFor("list.pt");
        Python.Run("import sys, torch; torch.save([torch.ones(2)], sys.argv[1])", path);
        AssertRefused(path, "list of 1", "not a dict of tensors");

        Python.Run("import sys, torch; torch.save({'w': torch.ones(2), 'epoch': 3}, sys.argv[1])", path);
        AssertRefused(path, "under key 'epoch'", "int (3)");

        Python.Run("import sys, torch; torch.save({'model': torch.nn.Linear(1, 1).state_dict()}, sys.argv[1])", path);
        AssertRefused(path, "under key 'model'", "OrderedDict of 2");

        Python.Run("import sys, torch; torch.save({1: torch.ones(1)}, sys.argv[1])", path);
        AssertRefused(path, "non-string key", "int (1)");
    }

    // ---- building files by hand ----

    private static void AddBinUnicode(List<byte> pickle, byte[] utf8)
    {
        pickle.Add((byte)'X');
        pickle.AddRange(BitConverter.GetBytes(utf8.Length));
        pickle.AddRange(utf8);
    }

    private static void AddInt(List<byte> pickle, long value)
    {
        pickle.Add(0x8a); // LONG1 with 8 bytes: any value, including negative ones
        pickle.Add(8);
        pickle.AddRange(BitConverter.GetBytes(value));
    }

    /// <summary>{'k': _rebuild_tensor_v2(float storage '0' of numel, offset, size, stride, False, OrderedDict())}.</summary>
    private static byte[] TensorPickle(long offset, long[] size, long[] stride, long numel)
    {
        var p = new List<byte> { 0x80, 2, (byte)'}' };
        AddBinUnicode(p, "k"u8.ToArray());
        p.AddRange("ctorch._utils\n_rebuild_tensor_v2\n"u8.ToArray());
        p.AddRange([(byte)'(', (byte)'(']);
        AddBinUnicode(p, "storage"u8.ToArray());
        p.AddRange("ctorch\nFloatStorage\n"u8.ToArray());
        AddBinUnicode(p, "0"u8.ToArray());
        AddBinUnicode(p, "cpu"u8.ToArray());
        AddInt(p, numel);
        p.AddRange([(byte)'t', (byte)'Q']);
        AddInt(p, offset);
        p.Add((byte)'(');
        foreach (var s in size) AddInt(p, s);
        p.Add((byte)'t');
        p.Add((byte)'(');
        foreach (var s in stride) AddInt(p, s);
        p.Add((byte)'t');
        p.Add(0x89); // requires_grad=False
        p.AddRange("ccollections\nOrderedDict\n"u8.ToArray());
        p.AddRange([(byte)')', (byte)'R', (byte)'t', (byte)'R', (byte)'s', (byte)'.']);
        return p.ToArray();
    }

    private static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static void WriteTorchZip(string path, byte[] pickle, byte[]? storage, Dictionary<string, byte[]>? extra = null)
    {
        var entries = new Dictionary<string, byte[]> { ["archive/data.pkl"] = pickle, ["archive/version"] = "3\n"u8.ToArray() };
        if (storage is not null) entries["archive/data/0"] = storage;
        foreach (var (k, v) in extra ?? new()) entries[k] = v;
        WriteZip(path, entries);
    }

    private static void WriteZip(string path, Dictionary<string, byte[]> entries)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            s.Write(bytes);
        }
    }

    private static Dictionary<string, byte[]> ReadEntries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }

    /// <summary>Copies a zip, letting <paramref name="transform"/> replace each entry's bytes or drop it (null).</summary>
    private static void RewriteZip(string source, string target, Func<string, byte[], byte[]?> transform)
    {
        var entries = new Dictionary<string, byte[]>();
        foreach (var (name, bytes) in ReadEntries(source))
            if (transform(name, bytes) is { } replaced) entries[name] = replaced;
        WriteZip(target, entries);
    }
}
