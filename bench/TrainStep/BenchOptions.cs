namespace VqDna.Bench.TrainStep;

/// <summary>Command-line settings of the benchmark.</summary>
public sealed record BenchOptions(int Steps, int Warmup, int Threads, bool Fused, string PeerOptimizer, double Dropout)
{
    /// <summary>Reads the options from <paramref name="args"/>; an unknown option or too few steps is an error naming it.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(Steps: 15, Warmup: 3, Threads: Environment.ProcessorCount, Fused: true, PeerOptimizer: "foreach", Dropout: 0.1);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--steps" => o with { Steps = int.Parse(Next()) },
                "--warmup" => o with { Warmup = int.Parse(Next()) },
                "--threads" => o with { Threads = int.Parse(Next()) },
                "--unfused" => o with { Fused = false },
                "--dropout" => o with { Dropout = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--peer-optimizer" => o with { PeerOptimizer = PeerOptimizerName(Next()) },
                _ => throw new ArgumentException($"unknown option '{args[i]}' (--steps N, --warmup N, --threads N, --unfused, --peer-optimizer foreach|single, --dropout P)"),
            };
        }
        if (o.Steps < 10) throw new ArgumentException("--steps must be at least 10 (the median needs them)");
        return o;
    }

    private static string PeerOptimizerName(string value) =>
        value is "foreach" or "single" ? value : throw new ArgumentException($"--peer-optimizer is foreach or single, not '{value}'");
}
