using System.Text.Json;
using System.Text.Unicode;

namespace VqDna.Torch.Serialization;

/// <summary>
/// The parsed, validated header of a safetensors file: every tensor's name, dtype, shape and byte
/// range, plus the free-form <c>__metadata__</c>. Construction checks everything that can be
/// checked without reading the data, so a reader may trust these offsets.
/// </summary>
public sealed class SafetensorsHeader
{
    private readonly Dictionary<string, SafetensorsTensorInfo> byName;

    private SafetensorsHeader(long headerLength, long dataLength, List<SafetensorsTensorInfo> tensors, Dictionary<string, string> metadata)
    {
        HeaderLength = headerLength;
        DataLength = dataLength;
        Tensors = tensors;
        Metadata = metadata;
        byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Length in bytes of the JSON header, padding included (the file's first 8 bytes).</summary>
    public long HeaderLength { get; }

    /// <summary>File position where the data buffer starts; tensor offsets are relative to it.</summary>
    public long DataStart => 8 + HeaderLength;

    /// <summary>Length in bytes of the data buffer (the rest of the file).</summary>
    public long DataLength { get; }

    /// <summary>The tensors, in the order the header lists them.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> object; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGetTensor(string name, out SafetensorsTensorInfo info) => byName.TryGetValue(name, out info!);

    /// <summary>Parses and validates the header JSON; every defect is an <see cref="InvalidDataException"/> naming <paramref name="path"/>.</summary>
    internal static SafetensorsHeader Parse(ReadOnlyMemory<byte> json, long dataLength, string path)
    {
        // JsonDocument does not promise to reject malformed UTF-8 outside the strings it decodes.
        if (!Utf8.IsValid(json.Span)) throw Safetensors.Invalid(path, "header is not valid UTF-8");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw Safetensors.Invalid(path, $"header is not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Safetensors.Invalid(path, $"header must be a JSON object, got {Describe(root)}");

            var tensors = new List<SafetensorsTensorInfo>();
            Dictionary<string, string>? metadata = null;
            // JsonDocument keeps duplicate keys and lookups return the last one: catch them here.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw Safetensors.Invalid(path, property.Name == Safetensors.MetadataKey
                        ? "duplicate __metadata__ object"
                        : $"duplicate tensor name '{property.Name}'");
                if (property.Name == Safetensors.MetadataKey) metadata = ParseMetadata(property.Value, path);
                else tensors.Add(ParseTensor(property.Name, property.Value, dataLength, path));
            }
            CheckNoOverlap(tensors, path);
            return new SafetensorsHeader(json.Length, dataLength, tensors, metadata ?? new Dictionary<string, string>());
        }
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Safetensors.Invalid(path, $"__metadata__ must be an object of string values, got {Describe(element)}");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw Safetensors.Invalid(path, $"__metadata__ value for key '{entry.Name}' must be a string, got {Describe(entry.Value)}");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw Safetensors.Invalid(path, $"__metadata__ key '{entry.Name}' appears twice");
        }
        return metadata;
    }

    private static SafetensorsTensorInfo ParseTensor(string name, JsonElement element, long dataLength, string path)
    {
        InvalidDataException Bad(string what) => Safetensors.Invalid(path, $"tensor '{name}': {what}");

        if (element.ValueKind != JsonValueKind.Object) throw Bad($"entry must be a JSON object, got {Describe(element)}");
        JsonElement? dtypeElement = null, shapeElement = null, offsetsElement = null;
        foreach (var field in element.EnumerateObject())
        {
            ref JsonElement? slot = ref dtypeElement;
            switch (field.Name)
            {
                case "dtype": slot = ref dtypeElement; break;
                case "shape": slot = ref shapeElement; break;
                case "data_offsets": slot = ref offsetsElement; break;
                // The format has exactly these three fields; an unknown one is most likely a typo.
                default: throw Bad($"unexpected field '{field.Name}' (expected dtype, shape, data_offsets)");
            }
            if (slot is not null) throw Bad($"field '{field.Name}' appears twice");
            slot = field.Value;
        }

        if (dtypeElement is not { } dtypeValue) throw Bad("missing field 'dtype'");
        if (shapeElement is not { } shapeValue) throw Bad("missing field 'shape'");
        if (offsetsElement is not { } offsetsValue) throw Bad("missing field 'data_offsets'");

        if (dtypeValue.ValueKind != JsonValueKind.String) throw Bad($"dtype must be a string, got {Describe(dtypeValue)}");
        var dtypeName = dtypeValue.GetString()!;
        if (!Safetensors.TryParseDType(dtypeName, out var dtype))
            throw Bad($"unknown dtype '{dtypeName}' (supported: {string.Join(", ", Safetensors.DTypeNames)})");

        if (shapeValue.ValueKind != JsonValueKind.Array) throw Bad($"shape must be an array of integers, got {Describe(shapeValue)}");
        var shape = new long[shapeValue.GetArrayLength()];
        long numel = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            var dim = shapeValue[i];
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out shape[i]))
                throw Bad($"shape[{i}] must be an integer, got {Describe(dim)}");
            if (shape[i] < 0) throw Bad($"shape[{i}] is a negative dimension ({shape[i]})");
            try { numel = checked(numel * shape[i]); }
            catch (OverflowException) { throw Bad($"element count of shape {FormatShape(shape)} overflows a 64-bit integer"); }
        }
        long needed;
        try { needed = checked(numel * dtype.ElementSize()); }
        catch (OverflowException) { throw Bad($"byte size of shape {FormatShape(shape)} of {dtypeName} overflows a 64-bit integer"); }

        if (offsetsValue.ValueKind != JsonValueKind.Array || offsetsValue.GetArrayLength() != 2)
            throw Bad($"data_offsets must be [begin, end], got {Describe(offsetsValue)}");
        var offsets = new long[2];
        for (int i = 0; i < 2; i++)
        {
            var value = offsetsValue[i];
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out offsets[i]) || offsets[i] < 0)
                throw Bad($"data_offsets[{i}] must be a non-negative integer, got {value.GetRawText()}");
        }
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin > end) throw Bad($"data_offsets begin {begin} is after end {end}");
        if (end > dataLength) throw Bad($"data_offsets [{begin}, {end}] run past the end of the data buffer ({dataLength} bytes)");
        if (end - begin != needed)
            throw Bad($"data_offsets span {end - begin} bytes but shape {FormatShape(shape)} of {dtypeName} needs {needed}");

        return new SafetensorsTensorInfo(name, dtype, shape, begin, end);
    }

    /// <summary>Two tensors sharing bytes would alias on load in other readers; reject them.</summary>
    private static void CheckNoOverlap(List<SafetensorsTensorInfo> tensors, string path)
    {
        // Empty tensors occupy no bytes, so they cannot overlap anything wherever they point.
        var sorted = tensors.Where(t => t.ByteLength > 0).OrderBy(t => t.Begin).ToArray();
        for (int i = 1; i < sorted.Length; i++)
        {
            var (previous, current) = (sorted[i - 1], sorted[i]);
            if (current.Begin < previous.End)
                throw Safetensors.Invalid(path,
                    $"tensors '{previous.Name}' [{previous.Begin}, {previous.End}) and '{current.Name}' [{current.Begin}, {current.End}) have overlapping byte ranges");
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {element.GetArrayLength()}",
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    private static string FormatShape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
