using System.Security.Cryptography;
using System.Text;
using VqDna.Datasets;
using VqDna.IO;
using VqDna.Sequences;
using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Engine;

public sealed class TaskFingerprintTests
{
    private static GueTask Task() => new("toy", new LabelSet(["a", "b"]),
        [new("ACGTACGT", 0), new("TTTTACGA", 1), new("GGGGCCCC", 0)], [new("ACGA", 1)], [new("CCGA", 0), new("ACGG", 1)]);

    [Fact]
    public void ASplitIsRecordedByItsRowsNotAsBytes()
    {
        // data.json said "bytes": 20806 for promoter_300's train.csv, a 6.5 MB file: the number was its rows.
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("data.json");
        JsonFiles.Write(path, TaskFingerprint.Of(Task()));

        var text = File.ReadAllText(path);
        Assert.DoesNotContain("\"bytes\"", text);
        var read = JsonFiles.Read<DataFingerprint>(path);
        Assert.Equal([3L, 1L, 2L], read.Files.Select(f => f.Rows ?? -1));
        Assert.Equal(3 * 8 + 4 + 2 * 4, read.Bases);
    }

    [Fact]
    public void TheDigestIsTheOneRunsStartedBeforeRowsWereNamedHold()
    {
        // Those runs' data.json hashed "name \t rows \t sha256" under "bytes"; a resume compares digests, so it must not move.
        var fingerprint = TaskFingerprint.Of(Task());
        var old = string.Join("\n", fingerprint.Files.Select(f => $"{f.Name}\t{f.Rows}\t{f.Sha256}"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(old))), fingerprint.Digest);
        Assert.Equal([3L, 1L, 2L], fingerprint.Files.Select(f => f.Rows ?? -1));
    }

    [Fact]
    public void AnOldDataFileWithRowsUnderBytesStillReads()
    {
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("data.json");
        File.WriteAllText(path, """{"files":[{"name":"train.csv","bytes":3,"bases":16,"sha256":"ab"}],"bases":16,"digest":"cd"}""");
        var read = JsonFiles.Read<DataFingerprint>(path);
        Assert.Equal(3L, read.Files[0].Bytes);
        Assert.Null(read.Files[0].Rows);
    }
}
