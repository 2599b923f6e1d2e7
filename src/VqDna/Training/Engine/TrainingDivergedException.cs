namespace VqDna.Training.Engine;

/// <summary>The loss became NaN or infinite: training stops instead of writing a broken model.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message)
{
    /// <summary>
    /// The error for a non-finite loss at <paramref name="step"/> (0-based), with what to try and which checkpoint is kept.
    /// </summary>
    public static TrainingDivergedException At(int step, double loss, double learningRate, int checkpointStep) => new(
        $"training diverged: the loss is {loss} at step {step + 1} (learning rate {learningRate:G3}); " +
        "lower --lr or lengthen the warm-up" + (checkpointStep > 0 ? $"; the checkpoint of step {checkpointStep} is kept" : ""));
}
