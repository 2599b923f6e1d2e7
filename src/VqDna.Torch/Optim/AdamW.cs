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
    public double beta1 { get; }
    public double beta2 { get; }
    public double eps { get; }
    public double weight_decay { get; }
    public bool fused { get; }

    /// <summary>Steps taken so far (the bias corrections use it).</summary>
    public long step_count { get; private set; }

    public IReadOnlyList<Tensor> Parameters => parameters;

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

    public void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }
}
