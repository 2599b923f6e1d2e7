using System.CommandLine;
using VqDna.Cli.Display;

namespace VqDna.Cli.Commands;

/// <summary>The corpus arguments that `tokenizer train` and `pretrain` share: files, or a fetched manifest, or the embedded genomes.</summary>
internal sealed class CorpusOptions
{
    public Argument<string[]> Files { get; } = new("corpus")
    {
        Description = "FASTA/GenBank/FASTQ files (plain or compressed); default: the embedded genomes",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Manifest { get; } = new("--manifest")
    {
        Description = "train on every file of a `vqdna data fetch` manifest (e.g. data/cache/manifest.tsv)",
    };

    public Option<bool> AllowDataChange { get; } = new("--allow-data-change")
    {
        Description = "resume a checkpoint even though the training data differ from the ones it was made with",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Files);
        command.Options.Add(Manifest);
        command.Options.Add(AllowDataChange);
    }

    /// <summary>The files to read: those given, else the manifest's, else the embedded genomes.</summary>
    public static string[] Resolve(IReadOnlyList<string> files, string? manifest) =>
        files.Count > 0 ? files.ToArray()
        : manifest is { } manifestPath ? VqDna.Data.CorpusFetcher.ReadManifest(manifestPath).Select(e => e.File).ToArray()
        : Paths.DefaultCorpus();
}
