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
/// <param name="Baselines">Per classical baseline (kmer-lr, cnn), its column summary; its scores are in <paramref name="Scores"/>.</param>
public sealed record BenchmarkReport(
    BenchmarkConfig Settings,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<TokenizerSummary> Tokenizers,
    IReadOnlyList<TaskScore> Scores,
    IReadOnlyList<MajorityBaseline> Majority,
    IReadOnlyList<ProbeScore> Probes,
    int StagesRun,
    int StagesReused,
    RunEnvironment Environment,
    IReadOnlyList<BaselineSummary>? Baselines = null)
{
    /// <summary>The baselines' summaries (none in a report written before baselines existed).</summary>
    public IReadOnlyList<BaselineSummary> BaselineSummaries => Baselines ?? [];

    /// <summary>Table columns: the tokenizers, then the baselines.</summary>
    public IReadOnlyList<string> Columns => [.. Tokenizers.Select(t => t.Tokenizer), .. BaselineSummaries.Select(b => b.Baseline)];

    /// <summary>True when <paramref name="column"/> is a classical baseline rather than a tokenizer.</summary>
    public bool IsBaseline(string column) => BaselineSummaries.Any(b => b.Baseline == column);

    /// <summary>The cell of <paramref name="task"/> × <paramref name="tokenizer"/>.</summary>
    public TaskScore Score(string task, string tokenizer) => Scores.First(s => s.Task == task && s.Tokenizer == tokenizer);

    /// <summary>The linear probe of <paramref name="task"/> × <paramref name="tokenizer"/>.</summary>
    public ProbeScore Probe(string task, string tokenizer) => Probes.First(s => s.Task == task && s.Tokenizer == tokenizer);

    /// <summary>The probe of <paramref name="task"/> × <paramref name="column"/>; null for a baseline (it has no backbone).</summary>
    public ProbeScore? ProbeOrNull(string task, string column) => Probes.FirstOrDefault(s => s.Task == task && s.Tokenizer == column);

    /// <summary>The majority-class score of <paramref name="task"/>.</summary>
    public MajorityBaseline MajorityOf(string task) => Majority.First(m => m.Task == task);
}
