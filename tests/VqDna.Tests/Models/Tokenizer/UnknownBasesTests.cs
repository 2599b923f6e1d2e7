using VqDna.Models.Tokenizer;
using VqDna.Sequences;
using VqDna.Sequences.Readers;
using VqDna.Tokenizers.Learned;

namespace VqDna.Tests.Models.Tokenizer;

/// <summary>
/// N in a learned tokenizer (issue 7, defect 5): an N run used to decode as A's and disturb real bases next
/// to it (a 1,000-N record came back 33% correct). N now gets <see cref="LearnedTokenizer.NCode"/> on every
/// level, decodes to N, and each run of known bases is tokenized as if it stood alone.
/// </summary>
[Collection("serial")]
public sealed class UnknownBasesTests(TrainedTinyTokenizer trained) : IClassFixture<TrainedTinyTokenizer>
{
    /// <summary>Human GRCh37 chr20 1-63,000 (60 kb of N, then sequence) and 34,895,086-34,949,085 (a 50 kb N run inside).</summary>
    private static List<SequenceRecord> NRich() => SequenceFile.Read(RepoData.TestData("sequences/human_chr20_n_runs.fa.gz")).ToList();

    [Fact]
    public void NRunsRoundTripAndLeaveTheBasesAroundThemAsIfAlone()
    {
        using var tokenizer = trained.Load(window: 1024);
        foreach (var record in NRich())
        {
            var sequence = record.Sequence;
            var codes = tokenizer.Encode(sequence);
            var decoded = tokenizer.Decode(codes);
            for (int i = 0; i < sequence.Length; i++)
            {
                bool n = sequence[i] == 'N';
                Assert.True(n == (codes[0][i] == LearnedTokenizer.NCode) && n == (codes[1][i] == LearnedTokenizer.NCode), $"{record.Id}: position {i}");
                Assert.True(!n || decoded[i] == 'N', $"{record.Id}: N at {i} decoded as {decoded[i]}");
            }
            // Every run of known bases gets the codes, and decodes to the bases, it would alone.
            int start = 0;
            foreach (var part in sequence.Split('N', StringSplitOptions.None))
            {
                if (part.Length > 0)
                {
                    var alone = tokenizer.Encode(part);
                    for (int level = 0; level < 2; level++) Assert.Equal(alone[level], codes[level][start..(start + part.Length)]);
                    Assert.Equal(tokenizer.Decode(alone), decoded.Substring(start, part.Length));
                }
                start += part.Length + 1;
            }
            double accuracy = sequence.Zip(decoded).Count(p => p.First == p.Second) / (double)sequence.Length;
            Assert.True(accuracy > 0.95, $"{record.Id}: reconstruction {accuracy:P2}");
        }
    }

    [Fact]
    public void AnAllNRecordComesBackAllN()
    {
        using var tokenizer = trained.Load();
        var codes = tokenizer.Encode(new string('N', 1000));
        Assert.All(codes, level => Assert.All(level, c => Assert.Equal(LearnedTokenizer.NCode, c)));
        Assert.Equal(new string('N', 1000), tokenizer.Decode(codes));
    }

    [Fact]
    public void StreamedEncodingEqualsWholeAndNeedsNoWholeString()
    {
        var record = NRich()[1];
        using var tokenizer = trained.Load(window: 200, batchSize: 3);
        var whole = tokenizer.Encode(record.Sequence);
        using var reader = new SequenceStreamReader(new StringReader($">r\n{record.Sequence}\n"), "memory");
        Assert.True(reader.NextRecord());
        var streamed = new[] { new List<int>(), new List<int>() };
        long next = 0;
        // Chunks of 7 bases: window cuts, batches and N runs fall across chunk boundaries.
        tokenizer.Encode(destination => reader.Read(destination[..Math.Min(7, destination.Length)]), block =>
        {
            Assert.Equal(next, block.Start);
            next += block.Length;
            for (int level = 0; level < 2; level++) streamed[level].AddRange(block.Codes[level].AsSpan(0, block.Length).ToArray());
        });
        Assert.Equal(whole[0], streamed[0]);
        Assert.Equal(whole[1], streamed[1]);
        Assert.Equal(50_000, reader.NBases);
    }

    [Fact]
    public void MixedOrOutOfRangeNCodesAreClearErrors()
    {
        using var tokenizer = trained.Load();
        var e = Assert.Throws<ArgumentException>(() => tokenizer.Decode([[1, -1, 3], [0, 5, 0]]));
        Assert.Contains("position 1", e.Message);
        Assert.Throws<ArgumentException>(() => tokenizer.Decode([[1, -2, 3], [0, -2, 0]]));
    }
}
