namespace VqDna.Training.Engine;

/// <summary>
/// The time left in a training run (issue 20: the first ETA of `pretrain` was 2–5× too high, because it divided
/// the elapsed time, first steps and evaluations included, by the steps done). Steps and evaluations are timed
/// apart: a step's seconds enter an exponential moving average once the first <see cref="WarmupSteps"/> steps of
/// this process are done (they pay for allocation and first touches of memory), and the evaluations still to come
/// are added at the mean cost of those measured. No estimate before the warm-up ends.
/// </summary>
/// <param name="warmupSteps">Steps of this process left out of the average.</param>
/// <param name="smoothing">Weight of the newest step in the moving average, in (0, 1].</param>
public sealed class EtaEstimator(int warmupSteps = EtaEstimator.DefaultWarmupSteps, double smoothing = EtaEstimator.DefaultSmoothing)
{
    /// <summary>Steps left out of the average by default.</summary>
    public const int DefaultWarmupSteps = 2;
    /// <summary>Weight of the newest step in the average by default.</summary>
    public const double DefaultSmoothing = 0.2;

    private readonly int _warmup = warmupSteps >= 0 ? warmupSteps : throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "expected 0 or more steps");
    private readonly double _alpha = smoothing is > 0 and <= 1 ? smoothing : throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "expected a weight in (0, 1]");
    private int _steps;
    private double? _secondsPerStep;
    private double _evaluationSeconds;
    private int _evaluations;

    /// <summary>Steps of this process left out of the average.</summary>
    public int WarmupSteps => _warmup;

    /// <summary>Records one step's training time (its evaluation, if any, excluded).</summary>
    public void Step(double seconds)
    {
        if (++_steps <= _warmup) return;
        _secondsPerStep = _secondsPerStep is { } average ? average + _alpha * (seconds - average) : seconds;
    }

    /// <summary>Records one evaluation's time.</summary>
    public void Evaluation(double seconds)
    {
        _evaluationSeconds += seconds;
        _evaluations++;
    }

    /// <summary>The time left for <paramref name="stepsLeft"/> steps and <paramref name="evaluationsLeft"/> evaluations; null during the warm-up.</summary>
    public TimeSpan? Remaining(int stepsLeft, int evaluationsLeft)
    {
        if (_secondsPerStep is not { } perStep) return stepsLeft == 0 ? TimeSpan.Zero : null;
        double evaluation = _evaluations == 0 ? 0 : _evaluationSeconds / _evaluations;
        return TimeSpan.FromSeconds(perStep * stepsLeft + evaluation * evaluationsLeft);
    }

    /// <summary>Evaluations in the steps after <paramref name="done"/> up to <paramref name="total"/>: every <paramref name="every"/>-th step and the last.</summary>
    public static int EvaluationsLeft(int done, int total, int every)
    {
        if (done >= total) return 0;
        if (every <= 0) return 1;
        int multiples = total / every - done / every;
        return multiples + (total % every == 0 ? 0 : 1);
    }
}
