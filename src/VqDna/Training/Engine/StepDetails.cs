namespace VqDna.Training.Engine;

/// <summary>A trainer's own measures of one step: shown on the progress line and written to metrics.jsonl.</summary>
public abstract record StepDetails
{
    /// <summary>A short text for the progress line, e.g. "acc 93.1%".</summary>
    public abstract string Describe();

    /// <summary>snake_case fields for metrics.jsonl.</summary>
    public abstract IEnumerable<KeyValuePair<string, object?>> Fields();
}
