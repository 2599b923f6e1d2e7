namespace VqDna.Evaluation;

/// <summary>
/// The metric a task is ranked by, as GUE reports it: Matthews correlation for every task except the
/// SARS-CoV-2 variant task, which GUE (and VQDNA's Table 3) score by macro F1. GUE's folders carry no
/// task-type file, so the variant task is recognised by its folder name containing "covid" or "variant";
/// every other task, binary or multi-class (MCC generalises as Gorodkin's R_K), is scored by MCC.
/// </summary>
public static class TaskMetric
{
    /// <summary>Matthews correlation coefficient.</summary>
    public const string Mcc = "mcc";
    /// <summary>Macro-averaged F1 (the mean of the per-class F1 scores).</summary>
    public const string F1Macro = "f1_macro";

    /// <summary>The metric of the task in folder <paramref name="taskName"/>.</summary>
    public static string For(string taskName)
    {
        var name = taskName.ToLowerInvariant();
        return name.Contains("covid", StringComparison.Ordinal) || name.Contains("variant", StringComparison.Ordinal) ? F1Macro : Mcc;
    }

    /// <summary>The value of <paramref name="metric"/> among a split's scores.</summary>
    public static double Of(string metric, double mcc, double f1Macro) => metric == F1Macro ? f1Macro : mcc;

    /// <summary>The label in tables: "MCC" or "macro F1".</summary>
    public static string Label(string metric) => metric == F1Macro ? "macro F1" : "MCC";
}
