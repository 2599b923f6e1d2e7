using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using VqDna.Torch;
using VqDna.Torch.Serialization;

namespace VqDna.Torch.Tests.Serialization;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("safetensors-tests-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string PathFor(string name) => Path.Combine(dir, name + ".safetensors");

    private static void AssertSameTensor(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.ToBytes(), actual.ToBytes());
    }

    // ---- round trips ----

    public static TheoryData<ScalarType> AllDTypes() =>
    [
        ScalarType.Float32, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Float64, ScalarType.Int64,
        ScalarType.Int32, ScalarType.Int16, ScalarType.Int8, ScalarType.UInt8, ScalarType.Bool,
    ];

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void RoundTripsEveryDType(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        // Fractions and multi-byte values, so a wrong byte order or width changes the bytes; all in
        // [0, 127] because casting out-of-range floats to small integers is undefined in C++.
        var values = torch.tensor(new float[] { 0, 0.25f, 1, 1.5f, 2, 3.5f, 7, 10, 64, 100, 126, 127 }, [3, 4]);
        var original = values.to(dtype);
        var path = PathFor("dtype-" + dtype);

        Safetensors.Save([new("t", original)], path);
        var loaded = Safetensors.Load(path);

        Assert.Equal(new[] { "t" }, loaded.Keys);
        AssertSameTensor(original, loaded["t"]);
    }

    [Fact]
    public void RoundTripsMixedTensorsInOrderWithScalarAndEmpty()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new KeyValuePair<string, Tensor>[]
        {
            new("weight", torch.tensor(new float[] { 1, -2, 3.5f, 4, 5, 6 }, [2, 3])),
            new("half", torch.tensor(new[] { (Half)0.5f, (Half)(-2.25f), (Half)65504f })),
            new("brain", torch.tensor(new float[] { 1.5f, -3, 256 }).to(torch.bfloat16)),
            new("ids", torch.tensor(new long[] { 1, -2, long.MaxValue, long.MinValue }, [2, 2])),
            new("mask", torch.tensor(new[] { true, false, true })),
            new("scalar", torch.scalar_tensor(3.25, torch.float64)),
            new("empty", torch.zeros([0, 4])),
            new("after_empty", torch.tensor(new int[] { 7, 8 })),
        };
        var path = PathFor("mixed");

        Safetensors.Save(tensors, path);
        var loaded = Safetensors.Load(path);

        Assert.Equal(tensors.Select(t => t.Key), loaded.Keys);
        foreach (var (name, tensor) in tensors) AssertSameTensor(tensor, loaded[name]);
        Assert.Empty(loaded["scalar"].shape);
        Assert.Equal(new long[] { 0, 4 }, loaded["empty"].shape);
        Assert.True(tensors[0].Value.equal(loaded["weight"]));
    }

    [Fact]
    public void HeaderIsPaddedAndOffsetsAreContiguousInGivenOrder()
    {
        using var scope = torch.NewDisposeScope();
        var path = PathFor("layout");
        Safetensors.Save(
        [
            new("b", torch.ones([3], torch.float64)),
            new("a", torch.ones([5], torch.uint8)),
            new("c", torch.ones([2, 2], torch.float32)),
        ], path);

        var header = Safetensors.ReadHeader(path);

        Assert.Equal(0, header.DataStart % 8);
        Assert.Equal(new[] { "b", "a", "c" }, header.Tensors.Select(t => t.Name));
        Assert.Equal(new[] { (0L, 24L), (24L, 29L), (29L, 45L) }, header.Tensors.Select(t => (t.Begin, t.End)));
        Assert.Equal(45, header.DataLength);
        Assert.Equal(new FileInfo(path).Length, header.DataStart + header.DataLength);
        Assert.True(header.TryGetTensor("c", out var c));
        Assert.Equal(ScalarType.Float32, c.DType);
        Assert.Equal(new long[] { 2, 2 }, c.Shape);
    }

    [Fact]
    public void RoundTripsMetadata()
    {
        using var scope = torch.NewDisposeScope();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "héllo \"quoted\" ✓", [""] = "empty key" };
        var path = PathFor("metadata");

        Safetensors.Save([new("x", torch.ones(2))], path, metadata);

        Assert.Equal(metadata, Safetensors.ReadHeader(path).Metadata.ToDictionary());
        Assert.Empty(Safetensors.ReadHeader(WriteNoMetadata()).Metadata);

        string WriteNoMetadata()
        {
            var other = PathFor("no-metadata");
            Safetensors.Save([new("x", torch.ones(2))], other);
            return other;
        }
    }

    [Fact]
    public void RoundTripsNoTensorsAtAll()
    {
        var path = PathFor("nothing");
        Safetensors.Save([], path);
        Assert.Empty(Safetensors.Load(path));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(100)]
    public void StreamsTensorsLargerThanTheChunkInSlices(int chunkBytes)
    {
        using var scope = torch.NewDisposeScope();
        var big = torch.arange(0, 37, dtype: torch.float64).reshape(37, 1);
        var odd = torch.arange(0, 30, dtype: ScalarType.Int16).reshape(2, 3, 5);
        var path = PathFor("chunked-" + chunkBytes);

        Safetensors.Save([new("big", big), new("odd", odd)], path, null, chunkBytes);
        var loaded = Safetensors.Load(path, chunkBytes);

        AssertSameTensor(big, loaded["big"]);
        AssertSameTensor(odd, loaded["odd"]);
        // And the two paths agree on the bytes: the unchunked reader sees the same tensors.
        AssertSameTensor(odd, Safetensors.Load(path)["odd"]);
    }

    // ---- atomic writes and save-time errors ----

    [Fact]
    public void SaveLeavesNoTempFileAndOverwrites()
    {
        using var scope = torch.NewDisposeScope();
        var path = PathFor("atomic");
        File.WriteAllText(path, "old contents");

        Safetensors.Save([new("x", torch.ones(3))], path);

        Assert.False(File.Exists(path + ".tmp-" + Environment.ProcessId));
        Assert.Equal(new[] { "atomic.safetensors" }, Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Equal(new float[] { 1, 1, 1 }, Safetensors.Load(path)["x"].ToArray<float>());
    }

    [Fact]
    public void FailedSaveRemovesTempFile()
    {
        using var scope = torch.NewDisposeScope();
        // A directory in the way makes the final rename fail after the temp file was written.
        var path = PathFor("blocked");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => Safetensors.Save([new("x", torch.ones(3))], path));

        Assert.False(File.Exists(path + ".tmp-" + Environment.ProcessId));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("dup", "duplicate tensor name 'dup'")]
    [InlineData("__metadata__", "reserved")]
    public void SaveRejectsBadNames(string second, string phrase)
    {
        using var scope = torch.NewDisposeScope();
        var path = PathFor("bad-name");

        var e = Assert.Throws<ArgumentException>(() =>
            Safetensors.Save([new("dup", torch.ones(1)), new(second, torch.ones(1))], path));

        Assert.Contains(phrase, e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    // ---- malformed files ----

    private const string F32x4 = """{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}""";

    private static byte[] Bytes(string json, int dataBytes = 16, ulong? headerLength = null)
    {
        var header = Encoding.UTF8.GetBytes(json);
        return Bytes(header, dataBytes, headerLength);
    }

    private static byte[] Bytes(byte[] header, int dataBytes = 16, ulong? headerLength = null)
    {
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Each case: a name (the file's), its bytes, and the phrase the error must contain.</summary>
    public static TheoryData<string, byte[], string> MalformedFiles() => new()
    {
        { "too-short", [1, 0, 0, 0, 0], "too short" },
        { "empty-file", [], "too short" },
        { "header-past-end", Bytes("{}", 0, headerLength: 1000), "header length 1000 runs past the end of the file" },
        { "header-absurd", Bytes("{}", 0, headerLength: 1UL << 40), "absurd" },
        { "header-absurd-max", Bytes("{}", 0, headerLength: ulong.MaxValue), "absurd" },
        { "bad-utf8", Bytes([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']), "not valid UTF-8" },
        { "bad-json", Bytes("""{"w": """), "not valid JSON" },
        { "empty-header", Bytes(""), "not valid JSON" },
        { "too-deep", Bytes(new string('[', 200) + new string(']', 200)), "not valid JSON" },
        { "not-object", Bytes("[1, 2]"), "header must be a JSON object" },
        { "entry-not-object", Bytes("""{"w": 5}"""), "tensor 'w': entry must be a JSON object" },
        { "missing-dtype", Bytes("""{"w": {"shape":[2,2],"data_offsets":[0,16]}}"""), "tensor 'w': missing field 'dtype'" },
        { "missing-shape", Bytes("""{"w": {"dtype":"F32","data_offsets":[0,16]}}"""), "tensor 'w': missing field 'shape'" },
        { "missing-offsets", Bytes("""{"w": {"dtype":"F32","shape":[2,2]}}"""), "tensor 'w': missing field 'data_offsets'" },
        { "dtype-not-string", Bytes("""{"w": {"dtype":4,"shape":[2,2],"data_offsets":[0,16]}}"""), "tensor 'w': dtype must be a string" },
        { "shape-not-array", Bytes("""{"w": {"dtype":"F32","shape":"2,2","data_offsets":[0,16]}}"""), "tensor 'w': shape must be an array" },
        { "shape-fraction", Bytes("""{"w": {"dtype":"F32","shape":[2,2.5],"data_offsets":[0,16]}}"""), "tensor 'w': shape[1] must be an integer" },
        { "field-twice", Bytes("""{"w": {"dtype":"F32","dtype":"F16","shape":[2,2],"data_offsets":[0,16]}}"""), "tensor 'w': field 'dtype' appears twice" },
        { "unknown-field", Bytes("""{"w": {"dtype":"F32","shape":[2,2],"data_offset":[0,16]}}"""), "tensor 'w': unexpected field 'data_offset'" },
        { "unknown-dtype", Bytes("""{"w": {"dtype":"F8_E4M3","shape":[2,2],"data_offsets":[0,16]}}"""), "tensor 'w': unknown dtype 'F8_E4M3'" },
        { "negative-dim", Bytes("""{"w": {"dtype":"F32","shape":[-2,-2],"data_offsets":[0,16]}}"""), "tensor 'w': shape[0] is a negative dimension" },
        { "numel-overflow", Bytes("""{"w": {"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,16]}}"""), "tensor 'w': element count of shape [4294967296, 4294967296] overflows" },
        { "bytes-overflow", Bytes("""{"w": {"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,16]}}"""), "tensor 'w': byte size of shape" },
        { "offsets-three", Bytes("""{"w": {"dtype":"F32","shape":[2,2],"data_offsets":[0,8,16]}}"""), "tensor 'w': data_offsets must be [begin, end]" },
        { "offsets-negative", Bytes("""{"w": {"dtype":"F32","shape":[2,2],"data_offsets":[-16,0]}}"""), "tensor 'w': data_offsets[0] must be a non-negative integer" },
        { "offsets-string", Bytes("""{"w": {"dtype":"F32","shape":[2,2],"data_offsets":["0",16]}}"""), "tensor 'w': data_offsets[0] must be a non-negative integer" },
        { "offsets-reversed", Bytes("""{"w": {"dtype":"F32","shape":[0],"data_offsets":[16,0]}}"""), "tensor 'w': data_offsets begin 16 is after end 0" },
        { "offsets-past-end", Bytes("""{"w": {"dtype":"F32","shape":[2,2],"data_offsets":[8,24]}}"""), "tensor 'w': data_offsets [8, 24] run past the end of the data buffer (16 bytes)" },
        { "length-mismatch", Bytes("""{"w": {"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}"""), "tensor 'w': data_offsets span 12 bytes but shape [2, 2] of F32 needs 16" },
        { "overlap", Bytes("""{"a": {"dtype":"F32","shape":[2],"data_offsets":[0,8]}, "b": {"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"""), "tensors 'a' [0, 8) and 'b' [4, 12) have overlapping byte ranges" },
        { "duplicate-name", Bytes($$"""{"w": {{F32x4}}, "w": {{F32x4}}}"""), "duplicate tensor name 'w'" },
        { "metadata-not-object", Bytes($$"""{"__metadata__": ["a"], "w": {{F32x4}}}"""), "__metadata__ must be an object of string values" },
        { "metadata-not-string", Bytes($$"""{"__metadata__": {"epoch": 3}, "w": {{F32x4}}}"""), "__metadata__ value for key 'epoch' must be a string" },
        { "metadata-twice", Bytes($$"""{"__metadata__": {}, "__metadata__": {}, "w": {{F32x4}}}"""), "duplicate __metadata__" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void RejectsMalformedFile(string name, byte[] bytes, string phrase)
    {
        var path = PathFor(name);
        File.WriteAllBytes(path, bytes);

        var headerError = Assert.Throws<InvalidDataException>(() => Safetensors.ReadHeader(path));
        var loadError = Assert.Throws<InvalidDataException>(() => Safetensors.Load(path));

        Assert.Contains(name + ".safetensors", headerError.Message);
        Assert.Contains(phrase, headerError.Message);
        Assert.Equal(headerError.Message, loadError.Message);
    }

    [Fact]
    public void AcceptsWhatTheStrictReaderShouldStillAccept()
    {
        using var scope = torch.NewDisposeScope();
        // Trailing padding spaces, empty tensors sharing an offset, a gap before the data and
        // keys in an order different from the offsets: all legal in the format.
        var json = """{"b": {"dtype":"F32","shape":[1],"data_offsets":[12,16]}, "e1": {"dtype":"I64","shape":[0,3],"data_offsets":[4,4]}, "e2": {"dtype":"U8","shape":[0],"data_offsets":[4,4]}, "a": {"dtype":"I32","shape":[],"data_offsets":[4,8]}}""" + "      ";
        var bytes = Bytes(json);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(bytes.Length - 4), 2.5f);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 12), -9);
        var path = PathFor("lenient");
        File.WriteAllBytes(path, bytes);

        var loaded = Safetensors.Load(path);

        Assert.Equal(new[] { "b", "e1", "e2", "a" }, loaded.Keys);
        Assert.Equal(new float[] { 2.5f }, loaded["b"].ToArray<float>());
        Assert.Equal(new long[] { 0, 3 }, loaded["e1"].shape);
        Assert.Equal(-9, loaded["a"].item<int>());
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => Safetensors.Load(PathFor("absent")));
    }

    // ---- interoperability with Python ----

    // Python's `safetensors` package is not installed with Debian's python3-torch, so the script
    // reads and writes the format by hand: the spec is small enough to restate in 30 lines.
    private const string PythonScript = """
        import json, struct, sys, torch
        DT = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64,
              "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8,
              "U8": torch.uint8, "BOOL": torch.bool}
        NAME = {v: k for k, v in DT.items()}

        def load(path):
            raw = open(path, "rb").read()
            (n,) = struct.unpack("<Q", raw[:8])
            assert (8 + n) % 8 == 0, "header not padded to 8 bytes: %d" % n
            header = json.loads(raw[8:8 + n].decode("utf-8"))
            meta = header.pop("__metadata__", {})
            data, out = raw[8 + n:], {}
            for name, info in header.items():
                (b, e), dt = info["data_offsets"], DT[info["dtype"]]
                t = torch.empty(0, dtype=dt) if b == e else torch.frombuffer(bytearray(data[b:e]), dtype=dt)
                out[name] = t.reshape(info["shape"])
            return out, meta

        def save(path, tensors, meta):
            header, blobs, off = {"__metadata__": meta}, [], 0
            for name, t in tensors.items():
                blob = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).contiguous().numpy().tobytes()
                header[name] = {"dtype": NAME[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(blob)]}
                blobs.append(blob)
                off += len(blob)
            h = json.dumps(header).encode("utf-8")
            h += b" " * (-len(h) % 8)
            open(path, "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))

        expected = {
            "f32": torch.tensor([[-1.0, -0.5, 0.0], [0.5, 1.0, 1.5]]),
            "f16": torch.tensor([0.5, -2.25, 65504.0], dtype=torch.float16),
            "bf16": torch.tensor([1.5, -3.0, 256.0], dtype=torch.bfloat16),
            "i64": torch.tensor([[1, -2], [2**63 - 1, -2**63]]),
            "flags": torch.tensor([True, False, True]),
            "u8": torch.tensor([0, 255, 7], dtype=torch.uint8),
            "scalar": torch.tensor(3.25, dtype=torch.float64),
            "empty": torch.zeros(0, 4),
        }
        got, meta = load(sys.argv[1])
        assert list(got) == list(expected), "names/order: %r" % list(got)
        for k, v in expected.items():
            assert got[k].dtype == v.dtype and got[k].shape == v.shape and torch.equal(got[k], v), "%s: %r != %r" % (k, got[k], v)
        assert meta == {"format": "pt", "note": "h\u00e9llo"}, meta

        save(sys.argv[2], {
            "weight": torch.arange(12, dtype=torch.float32).reshape(3, 4) / 4,
            "bias": torch.tensor([0.5, -1.0], dtype=torch.bfloat16),
            "ids": torch.tensor([[3, 1], [4, 1]]),
            "mask": torch.tensor([True, False]),
            "half": torch.tensor([1.5, -0.25], dtype=torch.float16),
            "zero_dim": torch.tensor(7, dtype=torch.int32),
            "nothing": torch.zeros(2, 0),
        }, {"producer": "python"})
        print("python-ok")
        """;

    [Fact]
    public void PythonReadsOurFileAndWeReadPythons()
    {
        using var scope = torch.NewDisposeScope();
        var ours = PathFor("from-csharp");
        var theirs = PathFor("from-python");
        Safetensors.Save(
        [
            new("f32", torch.tensor(new float[] { -1, -0.5f, 0, 0.5f, 1, 1.5f }, [2, 3])),
            new("f16", torch.tensor(new[] { (Half)0.5f, (Half)(-2.25f), (Half)65504f })),
            new("bf16", torch.tensor(new float[] { 1.5f, -3, 256 }).to(torch.bfloat16)),
            new("i64", torch.tensor(new long[] { 1, -2, long.MaxValue, long.MinValue }, [2, 2])),
            new("flags", torch.tensor(new[] { true, false, true })),
            new("u8", torch.tensor(new byte[] { 0, 255, 7 })),
            new("scalar", torch.scalar_tensor(3.25, torch.float64)),
            new("empty", torch.zeros([0, 4])),
        ], ours, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "héllo" });

        var output = RunPython(PythonScript, ours, theirs);
        Assert.Contains("python-ok", output);

        var loaded = Safetensors.Load(theirs);
        Assert.Equal(new[] { "weight", "bias", "ids", "mask", "half", "zero_dim", "nothing" }, loaded.Keys);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i / 4f), loaded["weight"].ToArray<float>());
        Assert.Equal(new long[] { 3, 4 }, loaded["weight"].shape);
        Assert.Equal(new float[] { 0.5f, -1 }, loaded["bias"].to(torch.float32).ToArray<float>());
        Assert.Equal(ScalarType.BFloat16, loaded["bias"].dtype);
        Assert.Equal(new long[] { 3, 1, 4, 1 }, loaded["ids"].ToArray<long>());
        Assert.Equal(new[] { true, false }, loaded["mask"].ToArray<bool>());
        Assert.Equal(new[] { (Half)1.5f, (Half)(-0.25f) }, loaded["half"].ToArray<Half>());
        Assert.Empty(loaded["zero_dim"].shape);
        Assert.Equal(7, loaded["zero_dim"].item<int>());
        Assert.Equal(new long[] { 2, 0 }, loaded["nothing"].shape);
        Assert.Equal("python", Safetensors.ReadHeader(theirs).Metadata["producer"]);
    }

    /// <summary>Runs Debian's python3 (CI installs python3-torch); its absence is a failure, not a skip.</summary>
    private static string RunPython(string script, params string[] args)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) Assert.Fail($"{python} is missing: install python3 and python3-torch to run the interop test");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("python timed out");
        }
        if (process.ExitCode != 0)
        {
            var hint = stderr.Result.Contains("No module named 'torch'") ? " (install python3-torch)" : "";
            Assert.Fail($"python exited with {process.ExitCode}{hint}:\n{stderr.Result}\n{stdout}");
        }
        return stdout;
    }
}
