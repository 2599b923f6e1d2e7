using VqDna.IO;
using VqDna.Sequences;
using VqDna.Sequences.Readers;
using VqDna.Tests.Models.Tokenizer;
using VqDna.Tokenizers.Learned;

namespace VqDna.Tests.Tokenizers.Learned;

/// <summary>`vqdna tokenize` and `vqdna detokenize` as library jobs: streamed, N-aware, counting ambiguity codes.</summary>
[Collection("serial")]
public sealed class TokenizeJobTests(TrainedTinyTokenizer trained) : IClassFixture<TrainedTinyTokenizer>
{
    /// <summary>The real N-rich chr20 slices plus a record with ambiguity codes, as a plain FASTA file.</summary>
    private static string Input(RepoData.TempFolder temp)
    {
        var path = temp.File("in.fa");
        using var writer = new StreamWriter(path);
        foreach (var r in SequenceFile.Read(RepoData.TestData("sequences/human_chr20_n_runs.fa.gz")))
            writer.Write($">{r.Id}\n{r.Sequence}\n");
        writer.Write(">iupac with codes\nACGTRYKMACGTACGTNNACGTACGTACGT\n");
        return path;
    }

    [Theory]
    [InlineData("codes.tsv")]
    [InlineData("codes.jsonl")]
    public void TokenizeThenDetokenizeGivesBackTheNsAndCountsTheCodes(string name)
    {
        using var temp = RepoData.NewTempFolder();
        var input = Input(temp);
        using var tokenizer = trained.Load(window: 1024);
        var codesPath = temp.File(name);
        var done = new List<TokenizedRecord>();
        TokenizeSummary summary;
        using (var codes = new StreamWriter(codesPath))
            summary = new TokenizeJob(tokenizer).Run(input, codes, CodesFile.IsJsonLines(name), recordDone: done.Add);
        Assert.Equal(3, summary.Records);
        Assert.Equal(63_000 + 54_000 + 30, summary.Bases);
        Assert.Equal(60_000 + 50_000 + 6, summary.NBases);
        Assert.Equal(4, summary.AmbiguousBases);
        Assert.Equal(new TokenizedRecord("iupac", 30, 6, 4), done[2]);

        // The codes are those of the in-memory encoder: -1 at every N.
        var expected = SequenceFile.Read(input).Select(r => tokenizer.Encode(r.Sequence)).ToList();
        Assert.Equal(expected, CodesFile.Read(codesPath).Select(r => r.Levels).ToList());

        var fastaPath = temp.File("back.fa");
        DetokenizeSummary back;
        using (var fasta = new StreamWriter(fastaPath))
            back = new DetokenizeJob(tokenizer).Run(codesPath, fasta, input);
        var originals = SequenceFile.Read(input).ToList();
        var rebuilt = SequenceFile.Read(fastaPath).ToList();
        Assert.Equal(originals.Select(r => r.Id), rebuilt.Select(r => r.Id));
        for (int r = 0; r < originals.Count; r++)
            for (int i = 0; i < originals[r].Length; i++)
                if (originals[r].Sequence[i] == 'N') Assert.Equal('N', rebuilt[r].Sequence[i]);
        Assert.Equal(summary.Bases - summary.NBases, back.Compared);            // accuracy over known bases only
        Assert.True(back.Accuracy > 0.95, $"reconstruction {back.Accuracy:P2}");
        long matched = originals.Zip(rebuilt).Sum(p => (long)p.First.Sequence.Zip(p.Second.Sequence).Count(q => q.First != 'N' && q.First == q.Second));
        Assert.Equal(matched, back.Matched);
    }

    [Fact]
    public void StrictRefusesAmbiguityCodesNamingTheRecord()
    {
        using var temp = RepoData.NewTempFolder();
        var input = Input(temp);
        using var tokenizer = trained.Load();
        var e = Assert.Throws<SequenceFormatException>(() => new TokenizeJob(tokenizer, SequenceReadOptions.StrictBases).Run(input, TextWriter.Null, jsonLines: false));
        Assert.Contains("record 'iupac', line 6: ambiguity code 'R' at column 5", e.Message);
    }

    [Fact]
    public void AReferenceThatDoesNotMatchIsAClearError()
    {
        using var temp = RepoData.NewTempFolder();
        var input = Input(temp);
        using var tokenizer = trained.Load();
        var codesPath = temp.File("codes.tsv");
        using (var codes = new StreamWriter(codesPath)) new TokenizeJob(tokenizer).Run(input, codes, jsonLines: false);
        var shorter = temp.File("shorter.fa");
        File.WriteAllText(shorter, ">chr20:1-63000\nACGT\n");
        var e = Assert.Throws<InvalidDataException>(() => new DetokenizeJob(tokenizer).Run(codesPath, TextWriter.Null, shorter));
        Assert.Contains("record 'chr20:1-63000'", e.Message);
        var other = temp.File("other.fa");
        File.WriteAllText(other, ">elsewhere\nACGT\n");
        Assert.Contains("not in the reference file", Assert.Throws<InvalidDataException>(() => new DetokenizeJob(tokenizer).Run(codesPath, TextWriter.Null, other)).Message);
    }

    [Fact]
    public void RecordLengthsComeFromAStreamingFirstPass()
    {
        using var temp = RepoData.NewTempFolder();
        using var tokenizer = trained.Load();
        var lengths = new TokenizeJob(tokenizer).RecordLengths(Input(temp));
        Assert.Equal([("chr20:1-63000", 63_000), ("chr20:34895086-34949085", 54_000), ("iupac", 30)], lengths);
        Assert.Throws<ArgumentException>(() => new TokenizeJob(tokenizer).RecordLengths("-"));
    }
}
