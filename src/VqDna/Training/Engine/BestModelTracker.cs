using System.Globalization;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Serialization;

namespace VqDna.Training.Engine;

/// <summary>
/// Model selection on a held-out score with early stopping: the best score so far, its step, the trainable weights
/// of that step (in <paramref name="path"/>), and how many evaluations have passed without a better one. Its state
/// travels in the checkpoint (<see cref="Save"/>, <see cref="Load"/>), so a resumed run selects as an unbroken one.
/// </summary>
/// <param name="path">Where the best weights are kept.</param>
/// <param name="patience">Evaluations without improvement before asking to stop; 0 never stops.</param>
/// <param name="minimumStep">No stop is asked for before this step, however long the score has stalled.</param>
public sealed class BestModelTracker(string path, int patience, int minimumStep = 0)
{
    /// <summary>
    /// The share of a run's steps that early stopping always lets it take. Two epochs of patience alone let a small split stop
    /// while it still answers the majority class: a 500-row splice_60 CNN stopped at step 18 with its best (MCC 0) at step 2,
    /// still in its warm-up. A quarter of 20 epochs changes none of the 2,000-row or full-split runs in README, which all
    /// stopped after 5 epochs or later.
    /// </summary>
    public const double MinimumShareOfRun = 0.25;

    /// <summary>The first step at which a run of <paramref name="steps"/> steps may stop early.</summary>
    public static int MinimumStepOf(int steps) => (int)Math.Ceiling(steps * MinimumShareOfRun);

    private double best = double.NegativeInfinity;
    private int sinceBest;

    /// <summary>The step whose weights are kept (0 before any evaluation).</summary>
    public int BestStep { get; private set; }

    /// <summary>The best score so far.</summary>
    public double BestScore => best;

    /// <summary>
    /// Records a held-out score (an MCC: 0 is chance); returns true when patience has run out, past the minimum step, and
    /// the best score is above chance. A model that has never beaten chance has fitted nothing to overfit, so stopping
    /// it only keeps the majority-class answer (a 500-row splice_60 CNN: best MCC 0 at step 2 at 20 epochs; 0.656 when left to train).
    /// </summary>
    public bool Update(int step, double score, Module model)
    {
        if (score > best + 1e-12)
        {
            (best, BestStep, sinceBest) = (score, step, 0);
            Safetensors.Save(model.NamedParameters().Where(kv => kv.Value.requires_grad), path);
        }
        else sinceBest++;
        return patience > 0 && sinceBest >= patience && step >= minimumStep && best > 0;
    }

    /// <summary>Puts the kept weights back into <paramref name="model"/> (nothing when none were kept).</summary>
    public void Restore(Module model)
    {
        if (!File.Exists(path)) return;
        using var scope = torch.NewDisposeScope();
        model.LoadStateDict(Safetensors.Load(path), strict: false);
    }

    /// <summary>The tracker's state for the checkpoint's metadata.</summary>
    public IReadOnlyDictionary<string, string> Save() => new Dictionary<string, string>
    {
        ["best_mcc"] = best.ToString("R", CultureInfo.InvariantCulture),
        ["best_step"] = BestStep.ToString(CultureInfo.InvariantCulture),
        ["since_best"] = sinceBest.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Restores the state written by <see cref="Save"/> (missing entries keep their defaults).</summary>
    public void Load(IReadOnlyDictionary<string, string> state)
    {
        if (state.TryGetValue("best_mcc", out var m)) best = double.Parse(m, CultureInfo.InvariantCulture);
        if (state.TryGetValue("best_step", out var b)) BestStep = int.Parse(b, CultureInfo.InvariantCulture);
        if (state.TryGetValue("since_best", out var s)) sinceBest = int.Parse(s, CultureInfo.InvariantCulture);
    }
}
