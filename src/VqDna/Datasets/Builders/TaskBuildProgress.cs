namespace VqDna.Datasets.Builders;

/// <summary>What a task builder is doing, for a progress display.</summary>
/// <param name="Task">The task (or task group) being built.</param>
/// <param name="Message">A short description of the current step.</param>
public sealed record TaskBuildProgress(string Task, string Message);
