using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Evaluation;

/// <summary>
/// A fitted multinomial logistic regression over standardised features: logits = ((x − mean) / std) Wᵀ + b.
/// Held as plain arrays, so it outlives every dispose scope and saves as four named tensors.
/// </summary>
/// <param name="Mean">Per-feature mean of the training split (D).</param>
/// <param name="Std">Per-feature standard deviation of the training split (D); 1 where a feature is constant there.</param>
/// <param name="Weight">Row-major (classes × D).</param>
/// <param name="Bias">Per class.</param>
/// <param name="Classes">Number of classes.</param>
public sealed record StandardizedLinearModel(float[] Mean, float[] Std, float[] Weight, float[] Bias, int Classes)
{
    /// <summary>Features per example.</summary>
    public int Dimension => Mean.Length;

    /// <summary>
    /// Per-feature mean and standard deviation of <paramref name="x"/>. A feature constant in training (a k-mer
    /// never seen there) gets std 1: dividing by ~0 would turn its first appearance at test time into a huge input.
    /// </summary>
    public static (float[] Mean, float[] Std) Statistics(float[,] x)
    {
        using var scope = torch.NewDisposeScope();
        var t = ToTensor(x);
        var std = t.std([0]);
        var safe = torch.where(std.lt(1e-6), torch.ones_like(std), std);
        return (t.mean(0).ToArray<float>(), safe.ToArray<float>());
    }

    /// <summary>(x − mean) / std as a tensor (N, D), in the current dispose scope.</summary>
    public static Tensor Standardize(float[,] x, float[] mean, float[] std)
    {
        if (x.GetLength(1) != mean.Length) throw new ArgumentException($"features have {x.GetLength(1)} columns, the model expects {mean.Length}", nameof(x));
        using var m = torch.tensor(mean, [1, mean.Length]);
        using var s = torch.tensor(std, [1, std.Length]);
        using var raw = ToTensor(x);
        return (raw - m) / s;
    }

    /// <summary>Class probabilities (N × classes) of the rows of <paramref name="x"/>.</summary>
    public float[][] Probabilities(float[,] x)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var logits = F.linear(Standardize(x, Mean, Std), torch.tensor(Weight, [Classes, Dimension]), torch.tensor(Bias, [Classes]));
        var flat = logits.softmax(1).ToArray<float>();
        return Enumerable.Range(0, x.GetLength(0)).Select(i => flat.AsSpan(i * Classes, Classes).ToArray()).ToArray();
    }

    /// <summary>The weights as named tensors (mean, std, linear.weight, linear.bias), for safetensors.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> ToTensors()
    {
        yield return new("mean", torch.tensor(Mean, [Dimension]));
        yield return new("std", torch.tensor(Std, [Dimension]));
        yield return new("linear.weight", torch.tensor(Weight, [Classes, Dimension]));
        yield return new("linear.bias", torch.tensor(Bias, [Classes]));
    }

    /// <summary>The model from tensors named as <see cref="ToTensors"/> writes them; a missing or misshapen one is an error naming <paramref name="source"/>.</summary>
    public static StandardizedLinearModel FromTensors(IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        float[] Get(string name)
        {
            if (!tensors.TryGetValue(name, out var t)) throw new InvalidDataException($"'{source}' has no tensor '{name}'");
            if (t.dtype != ScalarType.Float32) throw new InvalidDataException($"'{source}': tensor '{name}' is {t.dtype}, expected float32");
            return t.ToArray<float>();
        }
        var (mean, std, weight, bias) = (Get("mean"), Get("std"), Get("linear.weight"), Get("linear.bias"));
        if (std.Length != mean.Length || bias.Length == 0 || weight.Length != bias.Length * mean.Length)
            throw new InvalidDataException($"'{source}': shapes disagree (mean {mean.Length}, std {std.Length}, weight {weight.Length}, bias {bias.Length})");
        if (mean.Concat(std).Concat(weight).Concat(bias).Any(v => !float.IsFinite(v)))
            throw new InvalidDataException($"'{source}' holds NaN or infinite weights");
        return new StandardizedLinearModel(mean, std, weight, bias, bias.Length);
    }

    private static Tensor ToTensor(float[,] x)
    {
        var flat = new float[x.Length];
        Buffer.BlockCopy(x, 0, flat, 0, flat.Length * sizeof(float));
        return torch.tensor(flat, [x.GetLength(0), x.GetLength(1)]);
    }
}
