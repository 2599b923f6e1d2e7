using System.Text;
using System.Text.Json;

namespace VqDna.Fuzz;

/// <summary>
/// Builds a whole safetensors file from fuzz bytes read as choices, so that nearly every input gets past the JSON
/// syntax into our header checks and the loader (issue 19: System.Text.Json is not instrumented, so AFL mutating raw
/// JSON learns nothing about its syntax and the byte-level targets stayed at 34–39 paths). Each choice keeps a valid
/// option and adds the defects a writer can make: duplicate or reserved names, unknown or mistyped dtypes, negative,
/// huge or fractional dimensions, offsets that gap, overlap, run past the buffer or disagree with the shape, unknown,
/// missing or repeated fields, a data buffer too short or too long, header padding, and (rarely) one raw byte changed
/// in the JSON text so the syntax errors are reached too. The remaining input bytes are the tensor data (NaN included).
/// </summary>
internal static class StructuredSafetensors
{
    // The safetensors format's dtypes (those we read and those we refuse), then names that are not dtypes.
    private static readonly string[] DTypes =
        ["F32", "F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "U16", "U32", "U64", "F8_E4M3", "F8_E5M2", "f32", "", "F128"];

    private static readonly string[] Names = ["weight", "bias", "weight", "__metadata__", "a.b.c", "", "é", "x\u0000y"];

    /// <summary>The file the choices in <paramref name="data"/> describe.</summary>
    public static byte[] Build(byte[] data)
    {
        var choices = new Choices(data);
        using var json = new MemoryStream();
        long dataLength = 0;
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            int entries = choices.Next(6);
            for (int i = 0; i < entries; i++)
            {
                var name = Names[choices.Next(Names.Length)];
                writer.WritePropertyName(name);
                if (name == "__metadata__") WriteMetadata(writer, choices);
                else dataLength = WriteTensor(writer, choices, dataLength);
            }
            writer.WriteEndObject();
        }
        var header = json.ToArray();
        // Writers pad the header with spaces to a multiple of 8 (the Rust and Python libraries do).
        if (choices.Next(2) == 1) header = [.. header, .. Enumerable.Repeat((byte)' ', (8 - header.Length % 8) % 8)];
        if (choices.Next(16) == 15 && header.Length > 0) header[choices.Next(header.Length)] = (byte)choices.Next(256);

        long bufferLength = choices.Next(4) switch { 2 => dataLength - 1, 3 => dataLength + 7, _ => dataLength };
        bufferLength = Math.Clamp(bufferLength, 0, 1 << 16);              // the offsets may claim more; the file never holds it
        var file = new byte[8 + header.Length + bufferLength];
        BitConverter.TryWriteBytes(file.AsSpan(0, 8), (ulong)header.Length);
        header.CopyTo(file, 8);
        var rest = choices.Rest;
        for (long i = 0; i < bufferLength; i++) file[8 + header.Length + i] = rest.Length == 0 ? (byte)i : rest[(int)(i % rest.Length)];
        return file;
    }

    private static void WriteMetadata(Utf8JsonWriter writer, Choices choices)
    {
        switch (choices.Next(4))
        {
            case 2: writer.WriteStringValue("not an object"); return;
            case 3: writer.WriteStartArray(); writer.WriteEndArray(); return;
        }
        writer.WriteStartObject();
        int count = choices.Next(4);
        for (int i = 0; i < count; i++)
        {
            writer.WritePropertyName(choices.Next(3) == 0 ? "format" : $"k{choices.Next(3)}");   // k0..k2 may repeat
            if (choices.Next(5) == 4) writer.WriteNumberValue(choices.Next(10));
            else writer.WriteStringValue("pt");
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes one tensor entry whose bytes start at <paramref name="offset"/> when valid; returns the new end.</summary>
    private static long WriteTensor(Utf8JsonWriter writer, Choices choices, long offset)
    {
        switch (choices.Next(8))
        {
            case 6: writer.WriteNumberValue(1); return offset;                        // the entry is not an object
            case 7: writer.WriteStartArray(); writer.WriteEndArray(); return offset;
        }
        var dtype = DTypes[choices.Next(DTypes.Length)];
        int elementSize = dtype switch { "F64" or "I64" or "U64" => 8, "F32" or "I32" or "U32" => 4, "F16" or "BF16" or "I16" or "U16" => 2, _ => 1 };
        var shape = new List<object>();
        long numel = 1;
        int rank = choices.Next(5);
        for (int d = 0; d < rank; d++)
        {
            object dim = choices.Next(16) switch
            {
                8 => -1L,
                9 => 1L << 40,
                10 => long.MaxValue,
                11 => 1.5,
                12 => "2",
                var small => (long)(small % 8),
            };
            shape.Add(dim);
            numel = dim is long n && n >= 0 ? (long)Math.Min((double)numel * n, 1e15) : numel;
        }
        long bytes = numel * elementSize;
        long begin = offset, end = offset + bytes;
        switch (choices.Next(10))
        {
            case 5: end += 1; break;                                                     // span disagrees with the shape
            case 6: (begin, end) = (end, begin); break;                                  // begin after end
            case 7: begin = Math.Max(0, begin - 4); end = begin + bytes; break;         // overlaps the previous tensor
            case 8: begin += 3; end += 3; break;                                         // a gap before it
            case 9: begin = -1; break;
        }

        writer.WriteStartObject();
        int fields = choices.Next(16);                                                   // 0 and 15: all three, in order
        if (fields is 0 or 15 || (fields & 1) == 0)
        {
            writer.WritePropertyName("dtype");
            if (choices.Next(10) == 9) writer.WriteNumberValue(4); else writer.WriteStringValue(dtype);
        }
        if (fields is 0 or 15 || (fields & 2) == 0)
        {
            writer.WritePropertyName("shape");
            if (choices.Next(12) == 11) writer.WriteStringValue("[2]");
            else
            {
                writer.WriteStartArray();
                foreach (var dim in shape)
                    switch (dim)
                    {
                        case long n: writer.WriteNumberValue(n); break;
                        case double x: writer.WriteNumberValue(x); break;
                        case string s: writer.WriteStringValue(s); break;
                    }
                writer.WriteEndArray();
            }
        }
        if (fields is 0 or 15 || (fields & 4) == 0)
        {
            writer.WritePropertyName("data_offsets");
            writer.WriteStartArray();
            writer.WriteNumberValue(begin);
            if (choices.Next(12) != 11) writer.WriteNumberValue(end);                      // sometimes only one offset
            if (choices.Next(12) == 11) writer.WriteNumberValue(end);                     // sometimes three
            writer.WriteEndArray();
        }
        if ((fields & 8) != 0 && fields != 15)
        {
            writer.WritePropertyName(choices.Next(2) == 0 ? "dtype" : "strides");          // a repeated or unknown field
            writer.WriteStringValue(dtype);
        }
        writer.WriteEndObject();
        return Math.Max(offset, Math.Min(end, 1 << 16));
    }

    /// <summary>The input read as a stream of choices; past its end every choice is 0, which is always a valid option.</summary>
    private sealed class Choices(byte[] data)
    {
        private int _at;

        public int Next(int count) => _at < data.Length ? data[_at++] % count : 0;

        public ReadOnlySpan<byte> Rest => data.AsSpan(Math.Min(_at, data.Length));
    }
}
