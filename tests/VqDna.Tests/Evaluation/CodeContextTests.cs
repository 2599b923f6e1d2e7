using VqDna.Evaluation;

namespace VqDna.Tests.Evaluation;

public sealed class CodeContextTests
{
    private const int Length = 256;

    /// <summary>Windows of i.i.d. uniform bases, or a Markov chain that steps to (b + 1) mod 4 with probability <paramref name="stay"/>.</summary>
    private static long[] Bases(int windows, int seed, double stay = 0)
    {
        var random = new Random(seed);
        var bases = new long[windows * Length];
        for (int i = 0; i < bases.Length; i++)
            bases[i] = i % Length > 0 && random.NextDouble() < stay ? (bases[i - 1] + 1) % 4 : random.Next(4);
        return bases;
    }

    /// <summary>A code computed from the bases around each position (edges clamp; they are never measured).</summary>
    private static long[] Code(long[] bases, Func<Func<int, long>, long> code)
    {
        var codes = new long[bases.Length];
        for (int i = 0; i < bases.Length; i++)
        {
            int start = i / Length * Length;
            int at = i;
            codes[i] = code(d => bases[Math.Clamp(at + d, start, start + Length - 1)]);
        }
        return codes;
    }

    private static LevelContext Measure(long[] bases, long[] codes, int codebookSize)
    {
        var counter = new CodeContextCounter([codebookSize]);
        counter.Add(bases, [codes], Length);
        return counter.Result().Levels[0];
    }

    [Fact]
    public void ACodeThatCopiesTheBaseHasNoContext()
    {
        var bases = Bases(150, seed: 1);
        var level = Measure(bases, Code(bases, b => b(0)), codebookSize: 4);
        Assert.InRange(level.BaseBits, 1.99, 2.01);
        Assert.InRange(level.EntropyBits, 1.99, 2.01);
        Assert.All(level.ContextBits, c => Assert.InRange(c, -1e-9, 1e-9));
        Assert.All(level.ConditionalOffsetBits, c => Assert.InRange(c, -1e-9, 1e-9));
    }

    [Fact]
    public void ARelabellingOfCorrelatedBasesStillHasNoContextGivenItsBase()
    {
        // The bases predict their neighbours, so the code's plain offset information is not zero; given the
        // base at i it is: a relabelling knows nothing the base does not.
        var bases = Bases(150, seed: 2, stay: 0.7);
        var level = Measure(bases, Code(bases, b => 3 - b(0)), codebookSize: 4);
        int d = CodeContextCounter.DefaultMaxOffset;
        Assert.True(level.OffsetBits[d + 1] > 0.5, $"I(code; next base) = {level.OffsetBits[d + 1]:F3} bits");
        Assert.All(level.ContextBits, c => Assert.InRange(c, -1e-9, 1e-9));
        Assert.All(level.ConditionalOffsetBits, c => Assert.InRange(c, -1e-9, 1e-9));
    }

    [Fact]
    public void ACodeOfTheCentredThreeMerHasContextAtRadiusOneAndNoMoreBeyond()
    {
        var bases = Bases(150, seed: 3);
        var level = Measure(bases, Code(bases, b => 16 * b(-1) + 4 * b(0) + b(1)), codebookSize: 64);
        int d = CodeContextCounter.DefaultMaxOffset;
        Assert.InRange(level.ContextBits[0], 3.97, 4.03);                     // both neighbours: 2 + 2 bits
        Assert.InRange(level.ContextBits[1] - level.ContextBits[0], -0.01, 0.01);
        Assert.InRange(level.ContextBits[^1] - level.ContextBits[0], -0.01, 0.01);
        Assert.InRange(level.ConditionalOffsetBits[d - 1], 1.98, 2.02);
        Assert.InRange(level.ConditionalOffsetBits[d + 1], 1.98, 2.02);
        for (int offset = 2; offset <= d; offset++)
        {
            Assert.InRange(level.ConditionalOffsetBits[d + offset], -0.01, 0.01);
            Assert.InRange(level.ConditionalOffsetBits[d - offset], -0.01, 0.01);
        }
        Assert.InRange(level.KmerBits[0], 5.97, 6.03);                        // I(code; 3-mer) = H(3-mer)
    }

    [Fact]
    public void ACodeOfOneNeighbourHasContextOnlyOnThatSide()
    {
        var bases = Bases(150, seed: 4);
        var level = Measure(bases, Code(bases, b => b(2)), codebookSize: 4);
        int d = CodeContextCounter.DefaultMaxOffset;
        Assert.InRange(level.BaseBits, -0.01, 0.01);
        Assert.InRange(level.ConditionalOffsetBits[d + 2], 1.98, 2.02);
        Assert.InRange(level.ConditionalOffsetBits[d - 2], -0.01, 0.01);
        Assert.InRange(level.ContextBits[0], -0.01, 0.01);                    // radius 1 does not reach i+2
        Assert.InRange(level.ContextBits[1], 1.98, 2.02);
    }

    [Fact]
    public void PositionsNearAnEdgeOrAnNAreLeftOut()
    {
        var bases = Bases(2, seed: 5);
        bases[100] = 4;                                                       // N: drops positions 92..108 of window 1
        var counter = new CodeContextCounter([4]);
        counter.Add(bases, [Code(bases, b => Math.Min(b(0), 3))], Length);
        Assert.Equal(2 * (Length - 16) - 17, counter.Samples);
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(bases, [Code(bases, _ => 4)], Length));
        Assert.Equal(2 * (Length - 16) - 17, counter.Samples);               // a rejected batch adds nothing
        Assert.Throws<ArgumentException>(() => counter.Add(bases, [new long[3]], Length));
    }

    [Fact]
    public void MillerMadowEntropyOfAUniformSampleIsItsLogSize()
    {
        Assert.Equal(2.0 + 3 / (2.0 * 400) / Math.Log(2), MutualInformation.EntropyBits([100, 100, 100, 100]), 12);
        Assert.Equal(0, MutualInformation.EntropyBits([7, 0]));
    }
}
