using System.Text;
using VqDna.IO;
using VqDna.Torch;
using VqDna.Torch.Serialization;

namespace VqDna.Tests.IO;

public sealed class EmbeddingsWriterTests
{
    [Fact]
    public void StreamsRecordsIntoOneSafetensorsFile()
    {
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("e.safetensors");
        using (var writer = new EmbeddingsWriter(path, [("chr1", 3), ("chr1", 2)], dim: 2))
        {
            writer.Write([1, 2, 3, 4]);          // chr1, rows 0-1
            writer.Write([5, 6]);                // chr1, row 2
            writer.Write([7, 8, 9, 10]);         // the second chr1
            writer.Commit();
        }
        using var scope = torch.NewDisposeScope();
        var loaded = Safetensors.Load(path);
        Assert.Equal(["chr1", "chr1#2"], loaded.Keys);
        Assert.Equal(new long[] { 3, 2 }, loaded["chr1"].shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, loaded["chr1"].ToArray<float>());
        Assert.Equal(new float[] { 7, 8, 9, 10 }, loaded["chr1#2"].ToArray<float>());
    }

    [Fact]
    public void WritesANumpyArrayForOneRecord()
    {
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("e.npy");
        using (var writer = new EmbeddingsWriter(path, [("seq", 2)], dim: 3))
        {
            writer.Write([1, 2, 3, 4, 5, 6]);
            writer.Commit();
        }
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("\x93NUMPY", Encoding.Latin1.GetString(bytes, 0, 6));
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Contains("'shape': (2, 3)", Encoding.ASCII.GetString(bytes, 10, headerLength));
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal(6f, BitConverter.ToSingle(bytes, 10 + headerLength + 20));
    }

    [Fact]
    public void AnIncompleteFileIsNeverLeftBehind()
    {
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("e.safetensors");
        using (var writer = new EmbeddingsWriter(path, [("a", 4)], dim: 2))
        {
            writer.Write([1, 2]);                // then an error: no Commit
        }
        Assert.Empty(Directory.GetFiles(temp.Path));
        Assert.Throws<ArgumentException>(() => new EmbeddingsWriter(temp.File("x.npy"), [("a", 1), ("b", 1)], 2));
        Assert.Throws<ArgumentException>(() => new EmbeddingsWriter(temp.File("x.bin"), [("a", 1)], 2));
    }
}
