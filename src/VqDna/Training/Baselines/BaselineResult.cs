using VqDna.Training.Finetuning;

namespace VqDna.Training.Baselines;

/// <summary>
/// metrics.json of a classical baseline, in the shape of a fine-tuning run's (dev and test scores under the same
/// keys, minutes), so every table reads both alike.
/// </summary>
/// <param name="Task">The task folder's name.</param>
/// <param name="Baseline">"kmer-lr" or "cnn".</param>
/// <param name="Dev">Scores on dev (the split the model was chosen on).</param>
/// <param name="Test">Scores on test.</param>
/// <param name="Minutes">Fitting and scoring time.</param>
/// <param name="Labels">Class names, in the order of the confusion matrices.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Chosen">What dev chose: "k 4, weight decay 0.01" or "best step 120 of 313".</param>
/// <param name="Parameters">Trainable parameters of the fitted model.</param>
public sealed record BaselineResult(string Task, string Baseline, SplitMetrics Dev, SplitMetrics Test, double Minutes, IReadOnlyList<string> Labels,
    ulong Seed, string Chosen, long Parameters);
