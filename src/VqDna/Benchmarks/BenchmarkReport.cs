using VqDna.Training.Engine;

namespace VqDna.Benchmarks;

/// <summary>bench.json: the settings, one summary per tokenizer, one score per task × tokenizer, and what this run did.</summary>
/// <param name="Settings">The benchmark's resolved settings.</param>
/// <param name="Tasks">Task names, in table order.</param>
/// <param name="Tokenizers">Per-tokenizer summaries, in table order.</param>
/// <param name="Scores">Task × tokenizer cells, task by task.</param>
/// <param name="Majority">Per task, the score of always predicting the most frequent training class.</param>
/// <param name="Probes">Per task × tokenizer, the linear probe of the frozen pre-trained backbone.</param>
/// <param name="StagesRun">Stages trained by this run (tokenizers, backbones, fine-tunings).</param>
/// <param name="StagesReused">Finished stages found on disk and reused.</param>
/// <param name="Environment">Versions, threads and machine of this run.</param>
public sealed record BenchmarkReport(
    BenchmarkConfig Settings,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<TokenizerSummary> Tokenizers,
    IReadOnlyList<TaskScore> Scores,
    IReadOnlyList<MajorityBaseline> Majority,
    IReadOnlyList<ProbeScore> Probes,
    int StagesRun,
    int StagesReused,
    RunEnvironment Environment)
{
    /// <summary>The cell of <paramref name="task"/> × <paramref name="tokenizer"/>.</summary>
    public TaskScore Score(string task, string tokenizer) => Scores.First(s => s.Task == task && s.Tokenizer == tokenizer);

    /// <summary>The linear probe of <paramref name="task"/> × <paramref name="tokenizer"/>.</summary>
    public ProbeScore Probe(string task, string tokenizer) => Probes.First(s => s.Task == task && s.Tokenizer == tokenizer);

    /// <summary>The majority-class score of <paramref name="task"/>.</summary>
    public MajorityBaseline MajorityOf(string task) => Majority.First(m => m.Task == task);
}
