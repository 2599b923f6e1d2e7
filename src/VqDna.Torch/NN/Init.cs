namespace VqDna.Torch.NN;

/// <summary>torch.nn.init: in-place initialisers, run without recording gradients.</summary>
public static class Init
{
    /// <summary>
    /// Fills <paramref name="t"/> from U(<paramref name="a"/>, <paramref name="b"/>); returns it (torch.nn.init.uniform_).
    /// </summary>
    public static Tensor uniform_(Tensor t, double a = 0, double b = 1)
    {
        using var _ = torch.no_grad();
        return t.uniform_(a, b);
    }

    /// <summary>
    /// Fills <paramref name="t"/> from N(<paramref name="mean"/>, <paramref name="std"/>²); returns it (torch.nn.init.normal_).
    /// </summary>
    public static Tensor normal_(Tensor t, double mean = 0, double std = 1)
    {
        using var _ = torch.no_grad();
        return t.normal_(mean, std);
    }

    /// <summary>Fills <paramref name="t"/> with 0; returns it (torch.nn.init.zeros_).</summary>
    public static Tensor zeros_(Tensor t)
    {
        using var _ = torch.no_grad();
        return t.zero_();
    }

    /// <summary>Fills <paramref name="t"/> with 1; returns it (torch.nn.init.ones_).</summary>
    public static Tensor ones_(Tensor t)
    {
        using var _ = torch.no_grad();
        return t.fill_(1.0);
    }

    /// <summary>(fan_in, fan_out) as PyTorch computes them: dims 1 and 0 times the receptive field.</summary>
    public static (long fanIn, long fanOut) Fans(Tensor t)
    {
        var s = t.shape;
        if (s.Length < 2) throw new ArgumentException($"fan in/out need at least 2 dimensions, got [{string.Join(", ", s)}]");
        long receptive = 1;
        for (int i = 2; i < s.Length; i++) receptive *= s[i];
        return (s[1] * receptive, s[0] * receptive);
    }

    /// <summary>Fills <paramref name="t"/> from U(±gain·√(6 / (fan_in + fan_out))); returns it (torch.nn.init.xavier_uniform_).</summary>
    public static Tensor xavier_uniform_(Tensor t, double gain = 1)
    {
        var (fanIn, fanOut) = Fans(t);
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return uniform_(t, -bound, bound);
    }

    /// <summary>Kaiming uniform for leaky ReLU slope a (PyTorch's Linear and Conv use a = √5).</summary>
    public static Tensor kaiming_uniform_(Tensor t, double a = 0)
    {
        var (fanIn, _) = Fans(t);
        double gain = Math.Sqrt(2.0 / (1 + a * a));
        double bound = gain * Math.Sqrt(3.0 / fanIn);
        return uniform_(t, -bound, bound);
    }
}
