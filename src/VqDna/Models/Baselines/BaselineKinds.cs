namespace VqDna.Models.Baselines;

/// <summary>The names of <see cref="BaselineKind"/> on the command line, in folders and in tables: kmer-lr, cnn.</summary>
public static class BaselineKinds
{
    /// <summary>Every baseline, in table order.</summary>
    public static readonly IReadOnlyList<BaselineKind> All = [BaselineKind.KmerLr, BaselineKind.Cnn];

    /// <summary>The baseline's name in tables and on the command line: "kmer-lr" or "cnn".</summary>
    public static string Name(this BaselineKind kind) => kind switch
    {
        BaselineKind.KmerLr => "kmer-lr",
        BaselineKind.Cnn => "cnn",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind named <paramref name="name"/>; an unknown name is an error listing the known ones.</summary>
    public static BaselineKind Parse(string name)
    {
        var wanted = name.Trim().ToLowerInvariant();
        foreach (var kind in All)
            if (kind.Name() == wanted) return kind;
        throw new ArgumentException($"unknown baseline '{name}'; expected one of {string.Join(", ", All.Select(k => k.Name()))}, or several separated by commas ({BothNames})");
    }

    /// <summary>
    /// The baseline saved in <paramref name="directory"/>, or null: its config.json's <c>model_type</c>
    /// (<see cref="OneHotCnnFolder.ModelType"/>, <see cref="KmerLogisticRegression.ModelType"/>) is the kind's name.
    /// </summary>
    public static BaselineKind? SavedIn(string directory)
    {
        var type = SavedModelType.Of(directory);
        foreach (var kind in All)
            if (kind.Name() == type) return kind;
        return null;
    }

    /// <summary>Every baseline as one list on the command line: "kmer-lr,cnn".</summary>
    public static string BothNames => string.Join(",", All.Select(k => k.Name()));

    /// <summary>A comma-separated list of names ("none" or empty: no baselines); repeats are an error.</summary>
    public static IReadOnlyList<BaselineKind> ParseList(string names)
    {
        if (string.IsNullOrWhiteSpace(names) || names.Trim() == "none") return [];
        var kinds = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        var twice = kinds.GroupBy(k => k).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"baseline '{twice.Key.Name()}' is listed twice");
        return kinds;
    }
}
