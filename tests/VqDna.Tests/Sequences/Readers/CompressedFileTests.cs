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
}
