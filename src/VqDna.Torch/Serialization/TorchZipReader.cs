using System.IO.Compression;
using System.Numerics;
using System.Text;

namespace VqDna.Torch.Serialization;

/// <summary>
/// Reads torch.save's zip format (PyTorch ≥ 1.6) holding a dict of named tensors, in C#: libtorch 1.13's
/// own unpickler reads collections.OrderedDict as None (pytorch/pytorch#100741), which breaks every
/// <c>torch.save(model.state_dict())</c> file. The pickle may name only the few globals torch.save uses
/// for tensors and dicts; anything else is refused by name, never executed.
/// </summary>
internal static class TorchZipReader
{
    // Entries are read into a buffer of this size first, doubled as the data keeps coming.
    private const int FirstEntryBuffer = 1 << 20;

    /// <summary>
    /// Reads every tensor of the top-level dict (plain or OrderedDict) in <paramref name="path"/>, in its stored
    /// order. Each tensor is contiguous and owns its memory, even where the file had views sharing a storage;
    /// the caller owns (disposes) them.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a torch.save zip of a dict of tensors, or is damaged.</exception>
    public static OrderedDictionary<string, Tensor> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no such file: '{path}'", path);
        using var stream = File.OpenRead(path);
        CheckSignature(stream, path);

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw Invalid(path, $"not a readable zip archive ({e.Message})");
        }
        using (zip)
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
                if (!entries.TryAdd(entry.FullName, entry)) throw Invalid(path, $"the zip holds '{entry.FullName}' twice");

            string archive = FindArchiveFolder(entries.Keys, path);
            CheckByteOrder(entries, archive, path);

            var host = new TorchPickleHost(entries, archive);
            object? root;
            try
            {
                root = PickleReader.Load(ReadEntry(entries[archive + "/data.pkl"], path), host);
            }
            catch (PickleException e)
            {
                throw Invalid(path, $"{archive}/data.pkl {e.Message}");
            }
            return Materialize(TopLevel(root, path), entries, path);
        }
    }

    /// <summary>Gives clear messages for the two non-zip cases people actually have: the legacy format and junk.</summary>
    private static void CheckSignature(FileStream stream, string path)
    {
        Span<byte> head = stackalloc byte[2];
        int read = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 2 && head[0] == 0x80 && head[1] <= 5)
            throw Invalid(path, "it is in torch.save's legacy (non-zip) format, written with _use_new_zipfile_serialization=False, " +
                "which is not supported; re-save it with torch.save(obj, path) in PyTorch ≥ 1.6");
        if (read < 2 || head[0] != (byte)'P' || head[1] != (byte)'K')
            throw Invalid(path, "not a zip archive, so not a torch.save file");
    }

    /// <summary>The single folder holding data.pkl: torch.save names it after the file's stem (or "archive").</summary>
    private static string FindArchiveFolder(IEnumerable<string> names, string path)
    {
        var folders = names.Where(n => n.EndsWith("/data.pkl", StringComparison.Ordinal))
            .Select(n => n[..^"/data.pkl".Length])
            .Where(f => f.Length > 0 && !f.Contains('/'))
            .ToArray();
        if (folders.Length == 0) throw Invalid(path, "the zip has no <archive>/data.pkl entry, so it is not a torch.save file");
        if (folders.Length > 1)
            throw Invalid(path, $"the zip has several data.pkl entries ({string.Join(", ", folders.Select(f => f + "/data.pkl"))})");
        if (names.Contains(folders[0] + "/constants.pkl"))
            throw Invalid(path, "it is a TorchScript archive (torch.jit.save), not a torch.save file of tensors");
        return folders[0];
    }

    private static void CheckByteOrder(Dictionary<string, ZipArchiveEntry> entries, string archive, string path)
    {
        // Files without the entry predate it (PyTorch < 2.1) and were written little-endian.
        if (!entries.TryGetValue(archive + "/byteorder", out var entry)) return;
        if (entry.Length > 16) throw Invalid(path, $"{archive}/byteorder is {entry.Length} bytes long");
        var order = Encoding.ASCII.GetString(ReadEntry(entry, path)).Trim();
        if (order == "big") throw Invalid(path, "its tensors are stored big-endian, which is not supported");
        if (order != "little") throw Invalid(path, $"{archive}/byteorder says '{order}', expected 'little'");
    }

    /// <summary>Reads a whole entry, trusting neither its declared size nor the stream to agree with it.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, string path)
    {
        if (entry.Length > Array.MaxLength)
            throw Invalid(path, $"'{entry.FullName}' is {entry.Length} bytes, more than one buffer can hold");
        // The buffer grows with the bytes that are really there, up to the declared size: a 1 KB file that
        // declares a 2 GB entry must not cost 2 GB before the lie shows (found by AFL++, scripts/fuzz.sh torchzip).
        var bytes = new byte[Math.Min(entry.Length, FirstEntryBuffer)];
        bool complete;
        try
        {
            using var s = entry.Open();
            int filled = 0;
            while (true)
            {
                if (filled == bytes.Length)
                {
                    if (filled == entry.Length) { complete = s.ReadByte() == -1; break; }
                    Array.Resize(ref bytes, (int)Math.Min(entry.Length, 2L * bytes.Length));
                }
                int n = s.Read(bytes, filled, bytes.Length - filled);
                if (n == 0) { complete = false; break; }
                filled += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw Invalid(path, $"'{entry.FullName}' is damaged ({e.Message})");
        }
        if (!complete) throw Invalid(path, $"'{entry.FullName}' does not hold the {entry.Length} bytes its zip header declares");
        return bytes;
    }

    /// <summary>Checks the unpickled root is a dict of string keys to tensors.</summary>
    private static List<KeyValuePair<string, PickledTensor>> TopLevel(object? root, string path)
    {
        if (root is not PickleDict dict)
            throw Invalid(path, $"it holds {Describe(root)}, not a dict of tensors");
        var result = new List<KeyValuePair<string, PickledTensor>>(dict.Count);
        foreach (var (key, value) in dict.Entries)
        {
            if (key is not string name) throw Invalid(path, $"it has a non-string key: {Describe(key)}");
            if (value is not PickledTensor tensor) throw Invalid(path, $"its value under key '{name}' is {Describe(value)}, not a tensor");
            result.Add(new(name, tensor));
        }
        return result;
    }

    /// <summary>
    /// Makes the tensors: one 1-D tensor per storage, read once however many entries view it, then each entry
    /// as a strided view of it copied out, so entries never share memory with each other or the storage.
    /// </summary>
    private static OrderedDictionary<string, Tensor> Materialize(List<KeyValuePair<string, PickledTensor>> items,
        Dictionary<string, ZipArchiveEntry> entries, string path)
    {
        var storages = new Dictionary<PickledStorage, Tensor>();
        var result = new OrderedDictionary<string, Tensor>();
        try
        {
            foreach (var (key, item) in items)
            {
                if (!storages.TryGetValue(item.Storage, out var storage))
                {
                    var bytes = ReadEntry(item.Storage.Entry, path);
                    storage = torch.frombuffer(bytes, [item.Storage.Numel], item.Storage.Dtype);
                    storages.Add(item.Storage, storage);
                }
                using var view = storage.as_strided(item.Size, item.Stride, item.Offset);
                // contiguous() of an already-contiguous view would alias the storage; clone gives it its own memory.
                result.Add(key, view.is_contiguous() ? view.clone() : view.contiguous());
            }
            return result;
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
        finally
        {
            foreach (var t in storages.Values) t.Dispose();
        }
    }

    private static string Describe(object? value) => PickleReader.Describe(value);

    private static InvalidDataException Invalid(string path, string what) => new($"cannot read '{path}' as a torch.save file: {what}");

    /// <summary>One storage of the file: the zip entry data/&lt;key&gt;, already checked to hold numel elements.</summary>
    private sealed record PickledStorage(string Key, ScalarType Dtype, long Numel, ZipArchiveEntry Entry)
    {
        public override string ToString() => $"a storage ('{Key}')";
    }

    /// <summary>A tensor as the pickle describes it; made into a real tensor only once the whole file checks out.</summary>
    private sealed record PickledTensor(PickledStorage Storage, long Offset, long[] Size, long[] Stride)
    {
        public override string ToString() => "a tensor";
    }

    /// <summary>A storage class named by a persistent id, e.g. torch.FloatStorage.</summary>
    private sealed record StorageType(string Name, ScalarType Dtype)
    {
        public override string ToString() => $"the storage type {Name}";
    }

    /// <summary>The allow-list: what torch.save's pickle of a dict of tensors may name, and what each means.</summary>
    private sealed class TorchPickleHost(Dictionary<string, ZipArchiveEntry> entries, string archive) : IPickleHost
    {
        private static readonly Dictionary<string, ScalarType> StorageTypes = new(StringComparer.Ordinal)
        {
            ["FloatStorage"] = ScalarType.Float32,
            ["DoubleStorage"] = ScalarType.Float64,
            ["HalfStorage"] = ScalarType.Float16,
            ["BFloat16Storage"] = ScalarType.BFloat16,
            ["LongStorage"] = ScalarType.Int64,
            ["IntStorage"] = ScalarType.Int32,
            ["ShortStorage"] = ScalarType.Int16,
            ["CharStorage"] = ScalarType.Int8,
            ["ByteStorage"] = ScalarType.UInt8,
            ["BoolStorage"] = ScalarType.Bool,
            // An untyped storage is bytes; torch.save writes one only when an UntypedStorage itself is saved.
            ["UntypedStorage"] = ScalarType.UInt8,
        };

        private readonly Dictionary<string, PickledStorage> storages = new(StringComparer.Ordinal);

        public object ResolveGlobal(string module, string name)
        {
            switch (module, name)
            {
                case ("collections", "OrderedDict"):
                case ("torch._utils", "_rebuild_tensor_v2"):
                case ("torch._utils", "_rebuild_tensor"):
                case ("torch._utils", "_rebuild_parameter"):
                case ("torch._utils", "_rebuild_parameter_with_state"):
                case ("torch.jit._pickle", "restore_type_tag"):
                    return new PickleGlobal(module, name);
            }
            if (module is "torch" or "torch.storage" && StorageTypes.TryGetValue(name, out var dtype))
                return new StorageType($"{module}.{name}", dtype);
            if (module == "torch" && name.EndsWith("Storage", StringComparison.Ordinal))
                throw new PickleException($"the storage type '{module}.{name}' is not supported (no matching ScalarType)");
            throw new PickleException($"refuses the global '{module}.{name}': only tensors and dicts of them are read, " +
                "and nothing named by a file is ever executed");
        }

        public object? Call(object? callable, object?[] args)
        {
            if (callable is not PickleGlobal g) throw new PickleException($"cannot call {Describe(callable)}");
            switch (g.Name)
            {
                case "OrderedDict":
                    return OrderedDict(args);
                case "_rebuild_tensor_v2":
                    // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]); the
                    // grad flag, hooks and metadata do not survive loading into a plain tensor.
                    if (args.Length is < 6 or > 7) throw Arity(g, "6 or 7", args.Length);
                    return Tensor(g, args);
                case "_rebuild_tensor":
                    if (args.Length != 4) throw Arity(g, "4", args.Length);
                    return Tensor(g, args);
                case "_rebuild_parameter":
                case "_rebuild_parameter_with_state":
                    // (data, requires_grad, backward_hooks[, state]): a Parameter loads as its data.
                    if (args.Length is < 3 or > 4) throw Arity(g, "3 or 4", args.Length);
                    return args[0] as PickledTensor ?? throw new PickleException($"{g} data is {Describe(args[0])}, not a tensor");
                case "restore_type_tag":
                    // (value, "Dict[str, Tensor]"): libtorch's pickle_save (TorchFile.Save) tags typed containers
                    // for TorchScript; torch.load treats it as the identity, and so do we.
                    if (args.Length != 2 || args[1] is not string) throw new PickleException($"{g} takes (value, type name)");
                    return args[0];
                default:
                    throw new PickleException($"cannot call {g}");
            }
        }

        private static PickleDict OrderedDict(object?[] args)
        {
            var dict = new PickleDict { Ordered = true };
            if (args.Length == 0) return dict;
            // OrderedDict(iterable of pairs): torch.save writes the empty form, but the pair form is plain data.
            if (args.Length == 1 && args[0] is List<object?> pairs)
            {
                foreach (var pair in pairs)
                {
                    if (pair is not PickleTuple { Items.Length: 2 } kv) throw new PickleException($"OrderedDict item is {Describe(pair)}, not a pair");
                    dict.Set(kv.Items[0], kv.Items[1]);
                }
                return dict;
            }
            throw new PickleException($"collections.OrderedDict called with {args.Length} arguments");
        }

        private PickledTensor Tensor(PickleGlobal g, object?[] args)
        {
            var storage = args[0] as PickledStorage ?? throw new PickleException($"{g} storage is {Describe(args[0])}, not a storage");
            long offset = Int(args[1], $"{g} storage_offset");
            var size = Ints(args[2], $"{g} size");
            var stride = Ints(args[3], $"{g} stride");
            if (size.Length != stride.Length) throw new PickleException($"{g} has {size.Length} sizes but {stride.Length} strides");
            if (offset < 0) throw new PickleException($"{g} storage_offset {offset} is negative");

            // The view must lie inside the storage: the furthest element is offset + Σ (size_i - 1) * stride_i.
            long last = offset;
            bool empty = false;
            try
            {
                for (int i = 0; i < size.Length; i++)
                {
                    if (size[i] < 0 || stride[i] < 0)
                        throw new PickleException($"{g} has a negative size or stride ([{string.Join(", ", size)}], [{string.Join(", ", stride)}])");
                    if (size[i] == 0) empty = true;
                    else last = checked(last + checked((size[i] - 1) * stride[i]));
                }
                if (!empty) checked { _ = size.Aggregate(1L, (n, s) => n * s); }
            }
            catch (OverflowException)
            {
                throw new PickleException($"{g} size [{string.Join(", ", size)}] with stride [{string.Join(", ", stride)}] overflows");
            }
            if (!empty && last >= storage.Numel)
                throw new PickleException($"{g} view (offset {offset}, size [{string.Join(", ", size)}], stride [{string.Join(", ", stride)}]) " +
                    $"reaches element {last} of storage '{storage.Key}', which has only {storage.Numel}");
            return new PickledTensor(storage, offset, size, stride);
        }

        public object? PersistentLoad(object? pid)
        {
            // ('storage', storage_type, key, location, numel), as torch.serialization's persistent_id writes it.
            if (pid is not PickleTuple { Items: ["storage", var type, var keyValue, var location, var numelValue] })
                throw new PickleException($"persistent id is {Describe(pid)}, expected ('storage', type, key, location, numel)");
            if (type is not StorageType storageType) throw new PickleException($"persistent id names {Describe(type)}, not a storage type");
            if (keyValue is not string key || key.Length == 0 || key.Contains('/') || key.Contains('\\') || key is "." or "..")
                throw new PickleException($"persistent id has a bad storage key: {Describe(keyValue)}");
            if (location is not string)
                throw new PickleException($"storage '{key}' location is {Describe(location)}, not a string");
            long numel = Int(numelValue, $"storage '{key}' numel");
            if (numel < 0) throw new PickleException($"storage '{key}' has a negative numel {numel}");

            if (storages.TryGetValue(key, out var known))
            {
                if (known.Dtype != storageType.Dtype || known.Numel != numel)
                    throw new PickleException($"storage '{key}' is named twice with different types or sizes");
                return known;
            }
            string name = $"{archive}/data/{key}";
            if (!entries.TryGetValue(name, out var entry)) throw new PickleException($"storage '{key}' has no zip entry '{name}'");
            long bytes;
            try
            {
                bytes = checked(numel * storageType.Dtype.ElementSize());
            }
            catch (OverflowException)
            {
                throw new PickleException($"storage '{key}' numel {numel} overflows");
            }
            if (entry.Length != bytes)
                throw new PickleException($"storage '{key}' ({storageType.Name}, {numel} elements) needs {bytes} bytes but '{name}' holds {entry.Length}");
            var storage = new PickledStorage(key, storageType.Dtype, numel, entry);
            storages.Add(key, storage);
            return storage;
        }

        public void Build(object? target, object? state)
        {
            // torch.save builds OrderedDicts with {'_metadata': ...} (module versions); the keys are what matter.
            if (target is PickleDict { Ordered: true }) return;
            throw new PickleException($"BUILD on {Describe(target)} is not supported");
        }

        private static PickleException Arity(PickleGlobal g, string expected, int actual) =>
            new($"{g} takes {expected} arguments, got {actual}");

        private static long Int(object? value, string what) => value switch
        {
            long l => l,
            BigInteger => throw new PickleException($"{what} {value} is out of range"),
            _ => throw new PickleException($"{what} is {Describe(value)}, not an int"),
        };

        private static long[] Ints(object? value, string what)
        {
            if (value is not PickleTuple t) throw new PickleException($"{what} is {Describe(value)}, not a tuple");
            return t.Items.Select((v, i) => Int(v, $"{what}[{i}]")).ToArray();
        }
    }
}
