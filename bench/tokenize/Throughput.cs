using System.Diagnostics;
using VqDna.Tokenizers;

namespace VqDna.Bench.Tokenize;

/// <summary>Encoding throughput in Mbp/s, best of several runs after a warm-up.</summary>
internal static class Throughput
{
    public static double Measure(IReadOnlyList<string> lines, ITokenizer tokenizer, bool parallel, int repeats)
    {
        long bases = lines.Sum(l => (long)l.Length);
        Run(lines.Take(256).ToList(), tokenizer, parallel); // warm-up: JIT, thread pool, scratch buffers
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            Run(lines, tokenizer, parallel);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return bases / best / 1e6;
    }

    private static void Run(IReadOnlyList<string> lines, ITokenizer tokenizer, bool parallel)
    {
        var output = new int[lines.Count][];
        if (parallel) Parallel.For(0, lines.Count, i => output[i] = tokenizer.Encode(lines[i]));
        else for (int i = 0; i < lines.Count; i++) output[i] = tokenizer.Encode(lines[i]);
    }
}
