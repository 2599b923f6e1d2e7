namespace VqDna.Bench.Tokenize;

/// <summary>Command-line settings of the tokenizer benchmark.</summary>
/// <param name="Genome">E. coli GenBank/FASTA file; null fetches cct-examples into <paramref name="WorkDir"/>.</param>
/// <param name="WorkDir">Scratch folder for the package cache, the 1 kb lines and the tokenizer files.</param>
/// <param name="Repeats">Timed repetitions per measurement; the best is reported.</param>
/// <param name="SkipHf">Do not run the Hugging Face reference.</param>
internal sealed record BenchOptions(string? Genome, string WorkDir, int Repeats, bool SkipHf)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(null, Path.Combine(Path.GetTempPath(), "vqdna-bench-tokenize"), 3, false);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--genome" => o with { Genome = Value() },
                "--work" => o with { WorkDir = Value() },
                "--repeats" => o with { Repeats = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--skip-hf" => o with { SkipHf = true },
                _ => throw new ArgumentException($"unknown option '{args[i]}'; known: --genome PATH, --work DIR, --repeats N, --skip-hf"),
            };
        }
        return o;
    }
}
