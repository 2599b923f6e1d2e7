using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VqDna.Torch.Serialization;

/// <summary>
/// Hugging Face safetensors files, in pure C#: an 8-byte little-endian header length N, N bytes of
/// UTF-8 JSON (name -> dtype, shape, data_offsets, plus an optional <c>__metadata__</c> of strings),
/// then the raw little-endian row-major tensor bytes. Files come from anywhere, so the reader
/// validates every header field before it allocates or reads data: a bad file is an
/// <see cref="InvalidDataException"/> naming the file, the tensor and the defect.
/// </summary>
public static class Safetensors
{
    /// <summary>The reserved header key holding string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Largest header accepted: the reference implementation's limit, checked before allocating.</summary>
    public const long MaxHeaderLength = 100_000_000;

    // Tensors larger than this are streamed in slices, so no single byte[] grows past it.
    private const int DefaultChunkBytes = 64 << 20;

    private static readonly (string Name, ScalarType Type)[] DTypes =
    [
        ("F64", ScalarType.Float64), ("F32", ScalarType.Float32), ("F16", ScalarType.Float16), ("BF16", ScalarType.BFloat16),
        ("I64", ScalarType.Int64), ("I32", ScalarType.Int32), ("I16", ScalarType.Int16), ("I8", ScalarType.Int8),
        ("U8", ScalarType.UInt8), ("BOOL", ScalarType.Bool),
    ];

    internal static IEnumerable<string> DTypeNames => DTypes.Select(d => d.Name);

    /// <summary>
    /// Writes the tensors, in the given order with contiguous offsets, and the optional metadata.
    /// Atomic: the bytes go to a temporary file beside <paramref name="path"/>, renamed over it when
    /// complete, so a crash never leaves a half-written file under the real name.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty, repeated or <c>__metadata__</c>, or a metadata value is null.</exception>
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        Save(tensors, path, metadata, DefaultChunkBytes);

    internal static void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path, IReadOnlyDictionary<string, string>? metadata, int chunkBytes)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 8);
        var entries = tensors.ToArray();
        var specs = new SafetensorsTensorSpec[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            var (name, tensor) = entries[i];
            if (tensor is null) throw new ArgumentException($"tensor '{name}' is null", nameof(tensors));
            specs[i] = new SafetensorsTensorSpec(name, tensor.dtype, tensor.shape);
        }
        using var writer = new SafetensorsWriter(path, specs, metadata);
        foreach (var (_, tensor) in entries) writer.Write(tensor, chunkBytes);
        writer.Commit();
    }

    /// <summary>Reads every tensor, in header order; the caller owns the tensors.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    public static OrderedDictionary<string, Tensor> Load(string path) => Load(path, DefaultChunkBytes);

    /// <summary>
    /// Reads model weights: <see cref="Load(string)"/>, then refuses any floating-point tensor holding NaN or
    /// ±Inf, naming the tensor and the file (issue 19: NaN weights made every code 0 without a word).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file, or a tensor is not finite.</exception>
    public static OrderedDictionary<string, Tensor> LoadWeights(string path)
    {
        var weights = Load(path);
        try
        {
            foreach (var (name, tensor) in weights)
            {
                if (!tensor.dtype.IsFloatingPoint()) continue;
                using var finite = tensor.isfinite();
                using var all = finite.all();
                if (!all.item<bool>())
                    throw new InvalidDataException($"'{path}': tensor '{name}' holds NaN or infinite values; the weights are corrupt (a diverged run or a damaged file)");
            }
            return weights;
        }
        catch
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
            throw;
        }
    }

    internal static OrderedDictionary<string, Tensor> Load(string path, int chunkBytes)
    {
        // A chunk must hold at least one element of the widest dtype, or slicing would never advance.
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 8);
        using var stream = OpenRead(path);
        var header = ReadHeader(stream, path);
        long largest = header.Tensors.Count == 0 ? 0 : header.Tensors.Max(t => t.ByteLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(largest, 1, chunkBytes));
        var result = new OrderedDictionary<string, Tensor>(header.Tensors.Count);
        try
        {
            // The pool may hand back more than asked; use at most one chunk of it.
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, chunkBytes));
            foreach (var info in header.Tensors)
                result.Add(info.Name, ReadTensor(stream, header.DataStart, info, chunk, path));
            return result;
        }
        catch
        {
            // A half-loaded dictionary is nobody's to free but ours.
            foreach (var tensor in result.Values) tensor.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads and validates the header only: names, dtypes, shapes, offsets and metadata, no tensor data.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    public static SafetensorsHeader ReadHeader(string path)
    {
        using var stream = OpenRead(path);
        return ReadHeader(stream, path);
    }

    internal static InvalidDataException Invalid(string path, string what) =>
        new($"'{path}' is not a valid safetensors file: {what}");

    internal static bool TryParseDType(string name, out ScalarType type)
    {
        foreach (var d in DTypes)
        {
            if (d.Name == name)
            {
                type = d.Type;
                return true;
            }
        }
        type = default;
        return false;
    }

    private static string DTypeName(ScalarType type, string tensorName)
    {
        foreach (var d in DTypes)
            if (d.Type == type) return d.Name;
        throw new ArgumentException($"tensor '{tensorName}' has dtype {type}, which safetensors cannot store here");
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);

    private static SafetensorsHeader ReadHeader(FileStream stream, string path)
    {
        long fileLength = stream.Length;
        if (fileLength < 8) throw Invalid(path, $"file is {fileLength} bytes, too short to hold the 8-byte header length");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        // Both checks come before the allocation, so a hostile length cannot exhaust memory.
        if (headerLength > MaxHeaderLength)
            throw Invalid(path, $"header length {headerLength} is absurd (over the {MaxHeaderLength}-byte limit)");
        if ((long)headerLength > fileLength - 8)
            throw Invalid(path, $"header length {headerLength} runs past the end of the file ({fileLength} bytes)");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        return SafetensorsHeader.Parse(json, fileLength - 8 - (long)headerLength, path);
    }

    private static Tensor ReadTensor(FileStream stream, long dataStart, SafetensorsTensorInfo info, Span<byte> buffer, string path)
    {
        stream.Position = dataStart + info.Begin;
        if (info.ByteLength <= buffer.Length)
        {
            var bytes = buffer[..(int)info.ByteLength];
            ReadExactly(stream, bytes, info, path);
            return torch.frombuffer(bytes, info.Shape, info.DType);
        }

        // Too big for one buffer (or for any byte[]): fill a flat tensor slice by slice, then reshape.
        long elementSize = info.DType.ElementSize();
        long numel = info.ByteLength / elementSize;
        long perChunk = buffer.Length / elementSize;
        var flat = torch.empty([numel], info.DType);
        try
        {
            for (long start = 0; start < numel; start += perChunk)
            {
                long count = Math.Min(perChunk, numel - start);
                var bytes = buffer[..(int)(count * elementSize)];
                ReadExactly(stream, bytes, info, path);
                using var slice = torch.frombuffer(bytes, [count], info.DType);
                using var target = flat.narrow(0, start, count);
                target.copy_(slice);
            }
            return flat.reshape(info.Shape);
        }
        finally
        {
            // reshape returns a view that keeps the storage alive; this handle is no longer needed.
            flat.Dispose();
        }
    }

    private static void ReadExactly(FileStream stream, Span<byte> bytes, SafetensorsTensorInfo info, string path)
    {
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException)
        {
            // Offsets were checked against the length, so only a file changing under us lands here.
            throw Invalid(path, $"tensor '{info.Name}': file ended before its data (was it truncated while reading?)");
        }
    }

    internal static byte[] EncodeHeader(IReadOnlyList<SafetensorsTensorSpec> entries, IReadOnlyDictionary<string, string>? metadata, out long dataLength)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII names readable; the header is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    if (value is null) throw new ArgumentException($"metadata value for key '{key}' is null", nameof(metadata));
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, dtype, shape) in entries)
            {
                if (string.IsNullOrEmpty(name)) throw new ArgumentException("tensor names must not be empty", "tensors");
                if (name == MetadataKey) throw new ArgumentException($"'{MetadataKey}' is reserved and cannot name a tensor", "tensors");
                if (!names.Add(name)) throw new ArgumentException($"duplicate tensor name '{name}'", "tensors");

                long bytes = new SafetensorsTensorSpec(name, dtype, shape).ByteLength;
                json.WriteStartObject(name);
                json.WriteString("dtype", DTypeName(dtype, name));
                json.WriteStartArray("shape");
                foreach (var dim in shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
            dataLength = offset;
        }

        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }
}
