using VqDna.Training.Engine;

namespace VqDna.Quickstart;

/// <summary>How the quickstart shows its progress: the CLI draws bars on a terminal, tests collect lines.</summary>
public interface IQuickstartDisplay
{
    /// <summary>A stage begins (<paramref name="index"/> of <paramref name="count"/>, 1-based).</summary>
    void Stage(int index, int count, string title);

    /// <summary>One line of information (a reused stage, a result).</summary>
    void Info(string line);

    /// <summary>Runs a training of <paramref name="totalSteps"/> steps, showing its progress reports.</summary>
    T Train<T>(int totalSteps, Func<IProgress<TrainingProgress>, T> run);
}
