using VqDna.Datasets;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Training.Finetuning;

/// <summary>A small real GUE task: 200-bp windows of H. pylori and S. aureus (embedded genomes), split by region.</summary>
internal static class SpeciesTask
{
    public static string Write(string directory, int trainPerClass = 48, int evalPerClass = 12, int length = 200)
    {
        var genomes = new[] { ("hpylori", "genomes/hpylori_G27_200kb.fa.gz"), ("saureus", "genomes/saureus_N315_200kb.fa.gz") }
            .Select(g => (label: g.Item1, sequence: SequenceFile.Read(RepoData.Data(g.Item2)).First().Sequence)).ToList();
        var random = new Random(5);
        List<LabelledSequence> Split(int perClass, int from, int to) => genomes.SelectMany((g, label) => Enumerable.Range(0, perClass)
            .Select(_ => new LabelledSequence(g.sequence.Substring(random.Next(from, to - length), length), label))).OrderBy(_ => random.Next()).ToList();
        var task = new GueTask("species2", new LabelSet(genomes.Select(g => g.label).ToList()),
            Split(trainPerClass, 0, 100_000), Split(evalPerClass, 100_000, 150_000), Split(evalPerClass, 150_000, 199_000));
        task.Save(directory);
        return directory;
    }
}
