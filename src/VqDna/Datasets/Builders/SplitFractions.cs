namespace VqDna.Datasets.Builders;

/// <summary>The share of the data each split receives (train, dev, test); they must sum to 1.</summary>
/// <param name="Train">Share of the training split.</param>
/// <param name="Dev">Share of the validation split.</param>
/// <param name="Test">Share of the held-out test split.</param>
public sealed record SplitFractions(double Train = 0.8, double Dev = 0.1, double Test = 0.1)
{
    /// <summary>80 / 10 / 10, as most GUE tasks.</summary>
    public static readonly SplitFractions Default = new();

    /// <summary>The shares as an array indexed like <see cref="GueTask.SplitNames"/>.</summary>
    public double[] ToArray()
    {
        if (Train <= 0 || Dev <= 0 || Test <= 0 || Math.Abs(Train + Dev + Test - 1) > 1e-9)
            throw new ArgumentException($"split fractions {Train}/{Dev}/{Test} must be positive and sum to 1");
        return [Train, Dev, Test];
    }
}
