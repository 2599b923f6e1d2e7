using VqDna.Training;
using VqDna.Training.Pretraining;

namespace VqDna.Quickstart;

/// <summary>What the quickstart produced: its scores, the tokenizer's quality, the encoders and the report.</summary>
/// <param name="Tokenizer">Held-out reconstruction and code usage of the HRQ tokenizer.</param>
/// <param name="Pretraining">The pre-training results, HRQ first, then the baseline.</param>
/// <param name="Scores">Every fine-tuning run.</param>
/// <param name="Tasks">Task names with their class counts (train, dev, test examples).</param>
/// <param name="Stages">Wall and CPU time of each stage.</param>
/// <param name="ReportPath">report.md.</param>
/// <param name="Reused">Stages taken from an earlier run.</param>
/// <param name="Minutes">Wall time of this run.</param>
public sealed record QuickstartResult(
    TokenizerEvaluation Tokenizer,
    IReadOnlyList<PretrainingResult> Pretraining,
    IReadOnlyList<QuickstartScore> Scores,
    IReadOnlyList<QuickstartTask> Tasks,
    IReadOnlyList<QuickstartStage> Stages,
    string ReportPath,
    IReadOnlyList<string> Reused,
    double Minutes);
