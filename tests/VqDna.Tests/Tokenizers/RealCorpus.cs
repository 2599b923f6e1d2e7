using VqDna.Sequences.Readers;

namespace VqDna.Tests.Tokenizers;

/// <summary>Real sequences from data/ cut into lines, as the tokenizers see them in practice.</summary>
internal static class RealCorpus
{
    private static readonly string[] Files =
    [
        "genomes/ecoli_k12_NC_000913_200kb.gbk.gz",
        "genomes/human_chr20_1000000_300kb.fa.gz",
        "genomes/celegans_chrX_1000000_300kb.fa.gz",
        "genomes/sars_cov2_NC_045512.fa.gz",
    ];

    /// <summary>Lines of <paramref name="lineLength"/> bases: <paramref name="perFile"/> bases from each file.</summary>
    public static List<string> Lines(int perFile, int lineLength = 1000)
    {
        var lines = new List<string>();
        foreach (var file in Files)
        {
            var seq = SequenceFile.Read(RepoData.Data(file)).First().Sequence;
            int take = Math.Min(perFile, seq.Length);
            for (int i = 0; i < take; i += lineLength) lines.Add(seq.Substring(i, Math.Min(lineLength, take - i)));
        }
        return lines;
    }
}
