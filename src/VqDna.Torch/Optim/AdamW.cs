using VqDna.Torch.Native;

namespace VqDna.Torch.Optim;

/// <summary>
/// AdamW (Loshchilov and Hutter, decoupled weight decay) with torch.optim.AdamW's defaults and update
/// order. The fused path updates each parameter in one native pass (like PyTorch 2's fused=True);
/// the op-by-op path is PyTorch 1.13's single-tensor code line for line. Both agree to float rounding.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> with zeroed moments; defaults are torch.optim.AdamW's.</summary>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weight_decay = 1e-2, bool fused = true)
    {
        if (lr < 0) throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be non-negative");
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "must be in [0, 1)");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "must be in [0, 1)");
        if (eps < 0) throw new ArgumentOutOfRangeException(nameof(eps), eps, "must be non-negative");
        this.parameters = parameters.ToArray();
        (this.lr, this.beta1, this.beta2, this.eps, this.weight_decay, this.fused) = (lr, beta1, beta2, eps, weight_decay, fused);
        using var _ = torch.no_grad();
        expAvg = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        expAvgSq = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Current learning rate; schedules set it before each step.</summary>
    public double lr { get; set; }
    /// <summary>Decay of the first-moment (mean) estimate.</summary>
    public double beta1 { get; }
    /// <summary>Decay of the second-moment (uncentred variance) estimate.</summary>
    public double beta2 { get; }
    /// <summary>Added to the denominator for numerical stability.</summary>
    public double eps { get; }
    /// <summary>Decoupled weight decay: each step multiplies parameters by 1 − lr · weight_decay.</summary>
    public double weight_decay { get; }
    /// <summary>True to update each parameter in one native pass; false for the op-by-op path.</summary>
    public bool fused { get; }

    /// <summary>Steps taken so far (the bias corrections use it).</summary>
    public long step_count { get; private set; }

    /// <summary>The parameters it updates, in order.</summary>
    public IReadOnlyList<Tensor> Parameters => parameters;

    /// <summary>One update of every parameter that has a gradient (torch.optim.AdamW.step).</summary>
    public void Step()
    {
        step_count++;
        using var scope = torch.NewDisposeScope();
        var grads = parameters.Select(p => p.grad).ToArray();
        if (fused) FusedStep(grads);
        else
        {
            for (int i = 0; i < parameters.Length; i++)
                if (grads[i] is { } g) SingleTensorStep(parameters[i], g, expAvg[i], expAvgSq[i]);
        }
    }

    private unsafe void FusedStep(Tensor?[] grads)
    {
        var p = parameters.Select(t => t.Raw).ToArray();
        var g = grads.Select(Tensor.RawOrZero).ToArray();
        var m = expAvg.Select(t => t.Raw).ToArray();
        var v = expAvgSq.Select(t => t.Raw).ToArray();
        fixed (IntPtr* pp = p, gp = g, mp = m, vp = v)
            NativeMethods.Check(NativeMethods.vq_adamw_step(pp, gp, mp, vp, p.Length, lr, beta1, beta2, eps, weight_decay, step_count));
        GC.KeepAlive(grads);
    }

    private void SingleTensorStep(Tensor param, Tensor grad, Tensor m, Tensor v)
    {
        using var _ = torch.no_grad();
        param.mul_(1 - lr * weight_decay);
        m.mul_(beta1).add_(grad, 1 - beta1);
        v.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        double biasCorrection1 = 1 - Math.Pow(beta1, step_count);
        double biasCorrection2 = 1 - Math.Pow(beta2, step_count);
        double stepSize = lr / biasCorrection1;
        using var root = v.sqrt();
        using var denom = root.div(Math.Sqrt(biasCorrection2));
        denom.add_(eps);
        param.addcdiv_(m, denom, -stepSize);
    }

    /// <summary>Clears every parameter's gradient (set to none, as PyTorch 2's default).</summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters) p.grad = null;
    }

    /// <summary>Optimizer state for checkpoints: the moments per parameter index and the step count.</summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var state = new OrderedDictionary<string, Tensor>();
        for (int i = 0; i < parameters.Length; i++)
        {
            state.Add($"state.{i}.exp_avg", expAvg[i]);
            state.Add($"state.{i}.exp_avg_sq", expAvgSq[i]);
        }
        return state;
    }

    /// <summary>Restores moments and step count saved by <see cref="StateDict"/>.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, long stepCount)
    {
        using var _ = torch.no_grad();
        for (int i = 0; i < parameters.Length; i++)
        {
            foreach (var (key, target) in new[] { ($"state.{i}.exp_avg", expAvg[i]), ($"state.{i}.exp_avg_sq", expAvgSq[i]) })
            {
                if (!state.TryGetValue(key, out var source)) throw new InvalidDataException($"optimizer state lacks '{key}'");
                if (!source.shape.SequenceEqual(target.shape))
                    throw new InvalidDataException($"optimizer state '{key}' has shape [{string.Join(", ", source.shape)}], expected [{string.Join(", ", target.shape)}]");
                target.copy_(source);
            }
        }
        step_count = stepCount;
    }

    /// <summary>Frees the moment tensors.</summary>
    public void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }
}
