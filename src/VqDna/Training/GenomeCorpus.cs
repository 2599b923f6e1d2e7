using VqDna.Sequences;
using VqDna.Sequences.Readers;
using VqDna.Training.Engine;

namespace VqDna.Training;

/// <summary>
/// Sequences to learn a tokenizer from, each split once into a training part and a held-out tail
/// (the last <see cref="HeldOutFraction"/> of every record), so held-out windows never overlap
/// training windows.
/// </summary>
public sealed class GenomeCorpus
{
    /// <summary>The share of each record, at its end, kept out of training for evaluation.</summary>
    public const double HeldOutFraction = 0.05;

    private static readonly System.Buffers.SearchValues<char> KnownBases = System.Buffers.SearchValues.Create("ACGT");

    private GenomeCorpus(IReadOnlyList<CorpusRecord> records, DataFingerprint fingerprint) => (Records, Fingerprint) = (records, fingerprint);

    /// <summary>The records, in file order.</summary>
    public IReadOnlyList<CorpusRecord> Records { get; }

    /// <summary>What was read: files, sizes and checksums (a resumed run must see the same).</summary>
    public DataFingerprint Fingerprint { get; }

    /// <summary>Bases over all records.</summary>
    public long TotalBases => Records.Sum(r => (long)r.Sequence.Length);

    /// <summary>Reads every record of every file (FASTA, GenBank, FASTQ; plain or compressed).</summary>
    public static GenomeCorpus Load(IEnumerable<string> files)
    {
        var records = new List<CorpusRecord>();
        var fingerprints = new List<FileFingerprint>();
        foreach (var file in files)
        {
            if (Directory.Exists(file)) throw new ArgumentException($"corpus file '{file}' is a directory; give the sequence files in it");
            if (!File.Exists(file)) throw new FileNotFoundException($"corpus file not found: '{file}'", file);
            int before = records.Count;
            bool anyBase = false;
            using var fingerprint = new FingerprintBuilder();
            foreach (var record in SequenceFile.Read(file))
            {
                if (record.Length == 0) continue;
                records.Add(new CorpusRecord(Path.GetFileName(file), record.Id, record.Sequence));
                fingerprint.Add(record.Id, record.Sequence);
                anyBase = anyBase || record.Sequence.AsSpan().ContainsAny(KnownBases);
            }
            if (records.Count == before) throw new InvalidDataException($"'{file}' holds no sequence");
            // Issue 19: an all-N file trained a tokenizer to "100% accuracy" on N alone.
            if (!anyBase)
                throw new InvalidDataException($"'{file}' holds no A, C, G or T: its {records.Count - before:N0} record(s) are all N (unknown or ambiguous bases); nothing to learn from");
            fingerprints.Add(fingerprint.Finish(file));
        }
        if (records.Count == 0) throw new ArgumentException("no corpus files were given");
        return new GenomeCorpus(records, DataFingerprint.Of(fingerprints));
    }

    /// <summary>A corpus of in-memory <paramref name="sequences"/> (file name "memory").</summary>
    public static GenomeCorpus FromSequences(IEnumerable<(string id, string sequence)> sequences)
    {
        var records = sequences.Select(s => new CorpusRecord("memory", s.id, s.sequence)).ToList();
        using var fingerprint = new FingerprintBuilder();
        foreach (var r in records) fingerprint.Add(r.Id, r.Sequence);
        return new GenomeCorpus(records, DataFingerprint.Of([fingerprint.Finish("memory")]));
    }
}
