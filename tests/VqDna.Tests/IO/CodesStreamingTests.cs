using VqDna.IO;

namespace VqDna.Tests.IO;

/// <summary>Codes files written and read in chunks (issue 7, defect 7): the same bytes as whole records, any length.</summary>
public sealed class CodesStreamingTests
{
    private static int[][] Codes(int length, int seed)
    {
        var random = new Random(seed);
        var codes = new[] { new int[length], new int[length] };
        for (int i = 0; i < length; i++)
        {
            bool n = i % 1000 < 30;                                            // runs of N: -1 on every level
            codes[0][i] = n ? -1 : random.Next(512);
            codes[1][i] = n ? -1 : random.Next(1024);
        }
        return codes;
    }

    private static string Write(bool jsonLines, params (string Id, int[][] Codes)[] records)
    {
        var text = new StringWriter();
        using var writer = new CodesWriter(text, jsonLines, levels: 2);
        foreach (var (id, codes) in records)
        {
            writer.BeginRecord(id);
            for (int at = 0; at < codes[0].Length; at += 777)                  // odd blocks
            {
                int n = Math.Min(777, codes[0].Length - at);
                writer.Append([codes[0][at..(at + n)], codes[1][at..(at + n)]], n);
            }
            writer.EndRecord();
        }
        return text.ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrittenInBlocksItReadsBackWholeAndInChunks(bool jsonLines)
    {
        // 600,000 positions: ~4 MB of text per level, past the in-memory part, so the levels spill to disk.
        var records = new[] { ("chr20", Codes(600_000, 1)), ("empty", new[] { Array.Empty<int>(), Array.Empty<int>() }), ("short one", Codes(10, 2)) };
        using var temp = RepoData.NewTempFolder();
        var path = temp.File(jsonLines ? "codes.jsonl" : "codes.tsv");
        File.WriteAllText(path, Write(jsonLines, records));

        var whole = CodesFile.Read(path).ToList();
        Assert.Equal(records.Select(r => r.Item1), whole.Select(r => r.Id));
        for (int r = 0; r < records.Length; r++) Assert.Equal(records[r].Item2, whole[r].Levels);

        using var reader = new CodesReader(path);
        var chunk = new[] { new int[4096], new int[4096] };
        for (int r = 0; r < records.Length; r++)
        {
            Assert.True(reader.NextRecord());
            Assert.Equal(records[r].Item1, reader.Id);
            Assert.Equal(2, reader.Levels);
            var read = new[] { new List<int>(), new List<int>() };
            for (int n; (n = reader.Read(chunk)) > 0;)
                for (int l = 0; l < 2; l++) read[l].AddRange(chunk[l][..n]);
            Assert.Equal(records[r].Item2[0], read[0]);
            Assert.Equal(records[r].Item2[1], read[1]);
        }
        Assert.False(reader.NextRecord());
    }

    [Theory]
    [InlineData("id\tlength\tlevel1\tlevel2\na\t3\t1 2 3\t4 5\n", "line 2: level 2 has 2 codes but length says 3")]
    [InlineData("id\tlength\tlevel1\tlevel2\na\t2\t1 x\t4 5\n", "line 2: a level-1 code")]
    [InlineData("id\tlength\tlevel1\tlevel2\na\t2\t1 -2\t4 5\n", "or -1 for N")]
    [InlineData("id\tlength\tlevel1\tlevel2\na\t2\t1 2\n", "line 2: expected 4 tab-separated fields, found 3")]
    [InlineData("ID\tlen\n", "line 1: expected the header")]
    [InlineData("id\tlength\tlevel1\tlevel2\na\t1\t9999999999\t4\n", "past the largest code")]       // was read as -1410065409
    public void MalformedTsvIsAnErrorNamingTheLine(string text, string message)
    {
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("bad.tsv");
        File.WriteAllText(path, text);
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            using var reader = new CodesReader(path);
            var chunk = new[] { new int[10], new int[10] };
            while (reader.NextRecord()) while (reader.Read(chunk) > 0) { }
        });
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void JsonLinesRecordsWithDifferentLevelCountsAreAnError()
    {
        // Found by the property pass (ReaderPropertyTests): the reader sized its buffers from the first record,
        // and a later record with more levels wrote past them (IndexOutOfRangeException).
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("bad.jsonl");
        File.WriteAllText(path, "{\"id\":\"r1\",\"length\":1,\"levels\":[[1]]}\n{\"id\":\"r2\",\"length\":1,\"levels\":[[0],[9]]}\n");
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            using var reader = new CodesReader(path);
            var chunk = new[] { new int[10] };
            while (reader.NextRecord()) while (reader.Read(chunk) > 0) { }
        });
        Assert.Contains("line 2: has 2 levels but line 1 has 1", e.Message);
    }

    [Theory]
    [InlineData(10, 4)]      // the 4th code of the field, in the first chunk
    [InlineData(3, 7)]       // the 7th, in the third chunk of three
    public void ABadCodeIsNamedByItsPositionInTheField(int chunkLength, int position)
    {
        // Issue 19: "(number 1 of the field)" whatever the bad code's position.
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("bad.tsv");
        var codes = Enumerable.Range(0, 9).Select(i => i + 1 == position ? "x" : "1");
        File.WriteAllText(path, $"id\tlength\tlevel1\na\t9\t{string.Join(' ', codes)}\n");
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            using var reader = new CodesReader(path);
            var chunk = new[] { new int[chunkLength] };
            while (reader.NextRecord()) while (reader.Read(chunk) > 0) { }
        });
        Assert.Contains($"(number {position} of the field)", e.Message);
    }
}
