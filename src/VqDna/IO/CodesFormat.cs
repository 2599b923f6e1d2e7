namespace VqDna.IO;

/// <summary>The two layouts of a codes file (see <see cref="CodesFile"/>).</summary>
public enum CodesFormat
{
    /// <summary>Tab-separated: a header <c>id, length, level1…</c>, then one row per record.</summary>
    Tsv,

    /// <summary>JSON lines: one object per record.</summary>
    JsonLines,
}
