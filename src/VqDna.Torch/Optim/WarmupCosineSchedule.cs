namespace VqDna.Torch.Optim;

/// <summary>
/// Linear warm-up from 0 to the peak learning rate over warmup_steps, then cosine decay to
/// min_lr_ratio × peak at total_steps (held there after).
/// </summary>
public sealed record WarmupCosineSchedule(double PeakLr, long WarmupSteps, long TotalSteps, double MinLrRatio = 0.0)
{
    /// <summary>Learning rate for the step about to be taken (0-based).</summary>
    public double LearningRate(long step)
    {
        if (WarmupSteps > 0 && step < WarmupSteps) return PeakLr * (step + 1) / WarmupSteps;
        long decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        double progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return PeakLr * (MinLrRatio + (1 - MinLrRatio) * cosine);
    }
}
