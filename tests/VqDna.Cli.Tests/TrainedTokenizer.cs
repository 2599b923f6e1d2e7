namespace VqDna.Cli.Tests;

/// <summary>
/// A tiny HRQ tokenizer trained once through the command (20 steps, window 64, batch 4: about two seconds) and
/// shared by the tests that tokenize and detokenize.
/// </summary>
public sealed class TrainedTokenizer : IDisposable
{
    private readonly TempFolder folder = new();

    public TrainedTokenizer()
    {
        Path = folder.File("tokenizer");
        CliRunner.Run("tokenizer", "train", Genome, "--preset", "tiny", "--steps", "20", "--window", "64", "--batch", "4", "-o", Path).Succeeded();
    }

    /// <summary>The tokenizer folder.</summary>
    public string Path { get; }

    /// <summary>A small real genome to tokenize: phage lambda, 48,502 bp, one record.</summary>
    public static string Genome => CliRunner.Data("genomes/phage_lambda_NC_001416.fa.gz");

    public void Dispose() => folder.Dispose();
}

/// <summary>The tests that share one <see cref="TrainedTokenizer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedTokenizerCollection : ICollectionFixture<TrainedTokenizer>
{
    public const string Name = "trained tokenizer";
}
