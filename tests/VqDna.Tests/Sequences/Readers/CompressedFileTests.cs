using System.Diagnostics;
using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Sequences.Readers;

public sealed class CompressedFileTests
{
    private static bool HasXz()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("xz", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    [Fact]
    public void XzGoesThroughTheXzToolOrFailsClearly()
    {
        var path = RepoData.TestData("sequences/sars_cov2_first_1200bp.fa.xz");
        if (HasXz())
        {
            var record = Assert.Single(SequenceFile.Read(path));
            var reference = Assert.Single(SequenceFile.Read(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")));
            Assert.Equal(1200, record.Length);
            Assert.Equal(reference.Sequence[..1200], record.Sequence);
        }
        else
        {
            var e = Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(path).ToList());
            Assert.Contains("xz", e.Message);
        }
    }

    [Fact]
    public void TruncatedGzipIsReported()
    {
        using var temp = RepoData.NewTempFolder();
        var bytes = File.ReadAllBytes(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz"));
        var path = temp.File("truncated.fa.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(path).ToList());
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void BgzfMultiMemberGzipIsReadWhole()
    {
        // bgzip writes many gzip members and an empty end-of-file member.
        using var temp = RepoData.NewTempFolder();
        var text = string.Concat(Enumerable.Range(0, 3).Select(i => $">r{i}\n{new string("ACGT"[i], 70_000)}\n"));
        var path = temp.File("multi.fa.gz");
        using (var file = File.Create(path))
        {
            foreach (var chunk in text.Chunk(65_000))
            {
                using var gz = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
                gz.Write(System.Text.Encoding.ASCII.GetBytes(chunk));
            }
            file.Write(Convert.FromHexString("1f8b08040000000000ff0600424302001b0003000000000000000000"));
        }
        var records = SequenceFile.Read(path).ToList();
        Assert.Equal([70_000, 70_000, 70_000], records.Select(r => r.Length));
        Assert.Equal("AAAA", records[0].Sequence[..4]);
        Assert.Equal("GGGG", records[2].Sequence[..4]);
    }

    private static void Run(string shellCommand)
    {
        using var p = Process.Start(new ProcessStartInfo("sh", ["-c", shellCommand]) { UseShellExecute = false, RedirectStandardError = true })!;
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"`{shellCommand}` failed: {error}");
    }

    [Fact]
    public void ConcatenatedGzipFilesReadAsGzipDoes()
    {
        // `cat a.gz b.gz` is a valid gzip file (gzip -t accepts it, gzip -d gives both parts); issue 7, defect 6.
        using var temp = RepoData.NewTempFolder();
        var lambda = RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz");
        var sars = RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz");
        var both = temp.File("both.fa.gz");
        Run($"cat '{lambda}' '{sars}' > '{both}' && gzip -t '{both}'");
        var records = SequenceFile.Read(both).ToList();
        Assert.Equal(["NC_001416.1", "NC_045512.2"], records.Select(r => r.Id));
        Assert.Equal(SequenceFile.Read(lambda).Single().Sequence, records[0].Sequence);
        Assert.Equal(SequenceFile.Read(sars).Single().Sequence, records[1].Sequence);

        // gzip's own member headers (a file name, from plain `gzip`) and many tiny members (one per line).
        var multi = temp.File("lines.fa.gz");
        Run($"zcat '{sars}' | head -n 40 | while IFS= read -r line; do printf '%s\\n' \"$line\" > '{temp.Path}/line'; gzip -c -N '{temp.Path}/line'; done > '{multi}'");
        Assert.Equal(records[1].Sequence[..(39 * 60)], Assert.Single(SequenceFile.Read(multi)).Sequence);
    }

    [Fact]
    public void ACorruptOrTruncatedMemberIsReportedInAMultiMemberFile()
    {
        using var temp = RepoData.NewTempFolder();
        var lambda = File.ReadAllBytes(RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz"));
        var sars = File.ReadAllBytes(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz"));
        var truncated = temp.File("truncated.fa.gz");
        File.WriteAllBytes(truncated, [.. lambda, .. sars[..(sars.Length - 3)]]);
        Assert.Contains("truncated", Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(truncated).ToList()).Message);

        var badCrc = temp.File("crc.fa.gz");
        var flipped = lambda.ToArray();
        flipped[^6] ^= 0xff;                                                  // a CRC byte of the first member
        File.WriteAllBytes(badCrc, [.. flipped, .. sars]);
        Assert.Contains("member 1", Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(badCrc).ToList()).Message);

        var garbage = temp.File("garbage.fa.gz");
        File.WriteAllBytes(garbage, [.. lambda, .. "trailing text"u8.ToArray()]);
        Assert.Contains("not another gzip member", Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(garbage).ToList()).Message);
    }

    [Theory]
    [InlineData(".gz")]
    [InlineData(".xz")]
    [InlineData(".bz2")]
    [InlineData(".zst")]
    [InlineData(".GZ")]
    public void AnEmptyFileNamedCompressedIsAnErrorNotAnEmptyFile(string extension)
    {
        // Issue 19: a 0-byte .gz (a download cut short) read as an empty file: "holds no sequence" at best, an empty run at worst.
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("genome.fa" + extension);
        File.WriteAllBytes(path, []);
        var e = Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(path).ToList());
        Assert.Equal($"{path}: the file is empty (0 bytes) but its name ends in {extension}: a compressed file holds at least a header; was a download or copy cut short?", e.Message);

        File.WriteAllBytes(temp.File("plain.fa"), []);                       // no such claim in the name: an empty file, as before
        Assert.Empty(SequenceFile.Read(temp.File("plain.fa")));
    }

    [Theory]
    [InlineData("gz", "gzip", 1)]
    [InlineData("xz", "xz", 2)]
    [InlineData("xz", "xz", 5)]
    [InlineData("bz2", "bzip2", 2)]
    [InlineData("zst", "zstd", 3)]
    public void AFileCutInsideItsMagicNumberIsTruncatedNotUnknownText(string extension, string format, int keep)
    {
        // Issue 19: the first bytes of an xz file were read as text ("unknown sequence format").
        using var temp = RepoData.NewTempFolder();
        var whole = Compress(temp, extension);
        var path = temp.File("cut.fa." + extension);
        File.WriteAllBytes(path, File.ReadAllBytes(whole)[..keep]);
        var e = Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(path).ToList());
        Assert.Equal($"{path}: the file ends after {keep} byte(s), inside a {format} header: it is truncated", e.Message);
        using var pipe = new ForwardOnlyStream(File.OpenRead(path));
        Assert.Contains("inside a " + format + " header", Assert.Throws<SequenceFormatException>(() => CompressedFile.OpenText(pipe, "standard input")).Message);
    }

    [Theory]
    [InlineData("xz", "xz")]
    [InlineData("bz2", "bzip2")]
    [InlineData("zst", "zstd")]
    public void ATruncatedToolCompressedFileIsOneLineNamingTheFile(string extension, string tool)
    {
        using var temp = RepoData.NewTempFolder();
        var whole = Compress(temp, extension);
        var bytes = File.ReadAllBytes(whole);
        var path = temp.File("half.fa." + extension);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(path).ToList());
        Assert.StartsWith($"{path}: `{tool} -dc` failed with exit code ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);                             // bzip2 prints a dozen lines of advice
    }

    /// <summary>phage lambda as FASTA compressed to .EXTENSION (gzip in process; the others by their Debian tools).</summary>
    private static string Compress(RepoData.TempFolder temp, string extension)
    {
        var fasta = temp.File("lambda.fa");
        using (var reader = CompressedFile.OpenText(RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")))
            File.WriteAllText(fasta, reader.ReadToEnd());
        var output = fasta + "." + extension;
        if (extension == "gz")
        {
            using var source = File.OpenRead(fasta);
            using var gz = new System.IO.Compression.GZipStream(File.Create(output), System.IO.Compression.CompressionLevel.Fastest);
            source.CopyTo(gz);
            return output;
        }
        string tool = extension switch { "xz" => "xz", "bz2" => "bzip2", _ => "zstd" };
        var info = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-k", "-q", fasta }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && File.Exists(output), $"{tool} could not compress the test file: {process.StandardError.ReadToEnd()}");
        return output;
    }

    [Theory]
    [InlineData("genomes/sars_cov2_NC_045512.fa.gz")]
    [InlineData("genomes/ecoli_k12_NC_000913_200kb.gbk.gz")]
    public void AForwardOnlyStreamIsSniffedWithoutSeeking(string relative)
    {
        // Standard input cannot seek: `vqdna tokenize - …` read "Stream does not support seeking" (issue 7).
        var path = RepoData.Data(relative);
        var expected = SequenceFile.Read(path).ToList();
        using var pipe = new ForwardOnlyStream(File.OpenRead(path));
        using var reader = CompressedFile.OpenText(pipe, "standard input");
        var records = SequenceFile.Read(reader, "standard input").ToList();
        Assert.Equal(expected.Select(r => r.Sequence), records.Select(r => r.Sequence));

        var plain = System.Text.Encoding.ASCII.GetBytes(">a\nACGT\n");
        using var plainPipe = new ForwardOnlyStream(new MemoryStream(plain));
        Assert.Equal("ACGT", SequenceFile.Read(CompressedFile.OpenText(plainPipe, "standard input"), "standard input").Single().Sequence);
    }

    [Fact]
    public void XzFromAForwardOnlyStreamGoesThroughTheTool()
    {
        if (!HasXz()) return;
        using var pipe = new ForwardOnlyStream(File.OpenRead(RepoData.TestData("sequences/sars_cov2_first_1200bp.fa.xz")));
        var record = Assert.Single(SequenceFile.Read(CompressedFile.OpenText(pipe, "standard input"), "standard input"));
        Assert.Equal(1200, record.Length);
    }

    /// <summary>A pipe-like stream: reads only, no seeking, no length (as standard input is).</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1000));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException("Stream does not support seeking.");
        public override long Position { get => throw new NotSupportedException("Stream does not support seeking."); set => throw new NotSupportedException("Stream does not support seeking."); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("Stream does not support seeking.");
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
