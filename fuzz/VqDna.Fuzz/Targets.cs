using VqDna.IO;
using VqDna.Sequences;
using VqDna.Sequences.Readers;
using VqDna.Torch.Serialization;

namespace VqDna.Fuzz;

/// <summary>The fuzz targets, one per reader, each reading the input as `vqdna` reads a user's file.</summary>
internal static class Targets
{
    // Readers that take a path get the input through one scratch file per process (tmpfs when there is one).
    // scripts/fuzz.sh names a tmpfs folder that it removes afterwards.
    private static readonly string Scratch = Path.Combine(
        Environment.GetEnvironmentVariable("VQDNA_FUZZ_SCRATCH") ?? Path.GetTempPath(), $"vqdna-fuzz-{Environment.ProcessId}");

    public static readonly IReadOnlyDictionary<string, FuzzTarget> ByName = new[]
    {
        new FuzzTarget("fasta", "FastaReader and SequenceStreamReader (gzip included)", data => Sequences(data, FastaReader.Read), IsSequenceError),
        new FuzzTarget("fastq", "FastqReader and SequenceStreamReader (gzip included)", data => Sequences(data, FastqReader.Read), IsSequenceError),
        new FuzzTarget("genbank", "GenBankReader and SequenceStreamReader (gzip included)", data => Sequences(data, GenBankReader.Read), IsSequenceError),
        new FuzzTarget("safetensors", "Safetensors.ReadHeader and Safetensors.Load", SafetensorsFile, e => e is InvalidDataException),
        new FuzzTarget("safetensors-structured", "Safetensors.ReadHeader and Load on whole files built from choices (StructuredSafetensors)",
            data => SafetensorsFile(StructuredSafetensors.Build(data)), e => e is InvalidDataException),
        new FuzzTarget("torchzip", "TorchFile.Load (torch.save zip and its pickle)", TorchZip, e => e is InvalidDataException),
        new FuzzTarget("compressed", "xz, bzip2 and zstd through CompressedFile's tool streams (by path and by pipe), then SequenceStreamReader",
            Compressed, IsSequenceError),
        new FuzzTarget("codes", "CodesReader and CodesFile.Read, TSV and JSONL", Codes, e => e is InvalidDataException),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static bool IsSequenceError(Exception e) => e is SequenceFormatException;

    private static void Sequences(byte[] data, Func<TextReader, string, SequenceReadOptions?, IEnumerable<SequenceRecord>> read)
    {
        // xz, bzip2 and zstd go to external tools: a fuzzer would test those tools, and slowly.
        if (data.AsSpan().StartsWith("BZh"u8) || data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])
            || data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd])) return;
        // Strict reading takes another path through the ambiguity codes; the last byte picks it.
        var options = data.Length > 0 && (data[^1] & 1) == 1 ? SequenceReadOptions.StrictBases : SequenceReadOptions.Default;
        using (var text = CompressedFile.OpenText(new MemoryStream(data), "input"))
            foreach (var record in read(text, "input", options)) _ = record.Features.Count;
        using var reader = new SequenceStreamReader(CompressedFile.OpenText(new MemoryStream(data), "input"), "input", options);
        var buffer = new char[61];                                       // small, so records span several reads
        while (reader.NextRecord())
            while (reader.Read(buffer) > 0) { }
    }

    /// <summary>
    /// The compressed formats the sequence targets skip: the bytes go to the real `xz`, `bzip2` or `zstd` (slow, a
    /// process per input), by path or through a pipe, as standard input is, as bit 2 of the input's length says (xz
    /// streams are whole 4-byte blocks, so the lowest bit would never pipe a valid one).
    /// What is fuzzed is our side: a tool failing at any point, its partial output, its exit code and stderr.
    /// </summary>
    private static void Compressed(byte[] data)
    {
        var path = ScratchFile("input", data);
        using var text = (data.Length & 4) == 0
            ? CompressedFile.OpenText(path)
            : CompressedFile.OpenText(new MemoryStream(data), "input");
        using var reader = new SequenceStreamReader(text, "input", SequenceReadOptions.Default);
        var buffer = new char[61];
        while (reader.NextRecord())
            while (reader.Read(buffer) > 0) { }
    }

    private static void SafetensorsFile(byte[] data)
    {
        var path = ScratchFile("input.safetensors", data);
        Safetensors.ReadHeader(path);
        foreach (var tensor in Safetensors.Load(path).Values) tensor.Dispose();
    }

    private static void TorchZip(byte[] data)
    {
        var path = ScratchFile("input.pt", data);
        foreach (var tensor in TorchFile.Load(path).Values) tensor.Dispose();
    }

    private static void Codes(byte[] data)
    {
        // The extension picks the format, as for a user's file: JSONL when the input starts like a JSON object.
        var path = ScratchFile(data.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("{"u8) ? "input.jsonl" : "input.tsv", data);
        foreach (var record in CodesFile.Read(path)) _ = record.Length;
        using var reader = new CodesReader(path);
        int[][]? buffer = null;
        while (reader.NextRecord())
        {
            buffer ??= Enumerable.Range(0, reader.Levels).Select(_ => new int[7]).ToArray();   // small: several reads per record
            while (reader.Read(buffer) > 0) { }
        }
    }

    /// <summary>Removes this process's scratch folder (replays; under afl-fuzz the script removes its parent).</summary>
    public static void DeleteScratch()
    {
        if (Directory.Exists(Scratch)) Directory.Delete(Scratch, recursive: true);
    }

    private static string ScratchFile(string name, byte[] data)
    {
        Directory.CreateDirectory(Scratch);
        var path = Path.Combine(Scratch, name);
        File.WriteAllBytes(path, data);
        return path;
    }
}
