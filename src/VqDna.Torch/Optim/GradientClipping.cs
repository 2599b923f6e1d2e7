namespace VqDna.Torch.Optim;

/// <summary>torch.nn.utils.clip_grad_norm_: scales all gradients so their global L2 norm is at most max_norm.</summary>
public static class GradientClipping
{
    /// <summary>Returns the global norm before clipping (as PyTorch does).</summary>
    public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToArray();
        if (grads.Length == 0) return 0;
        var norms = grads.Select(g => g.norm(2)).ToArray();
        double total = torch.stack(norms).norm(2).item<double>();
        double coefficient = max_norm / (total + 1e-6);
        if (coefficient < 1)
            foreach (var g in grads) g.mul_(coefficient);
        return total;
    }
}
