using System.Globalization;
using System.Text.Json;
using VqDna.IO;
using VqDna.Sequences;

namespace VqDna.Datasets;

/// <summary>
/// The classes of a labelled task in a stable order: integer labels ascending by value, other
/// labels in ordinal string order. The order is saved (labels.json) so class indices mean the
/// same thing in training, evaluation and every later run; it never depends on row order.
/// </summary>
public sealed class LabelSet
{
    private readonly Dictionary<string, int> _index;

    /// <summary>The file name a task folder stores its label order in.</summary>
    public const string FileName = "labels.json";

    /// <summary>A label set of <paramref name="names"/>, in label order; at least one.</summary>
    public LabelSet(IReadOnlyList<string> names)
    {
        if (names.Count == 0) throw new ArgumentException("a label set needs at least one label", nameof(names));
        Names = names;
        _index = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
            if (!_index.TryAdd(names[i], i)) throw new ArgumentException($"label '{names[i]}' is listed twice", nameof(names));
    }

    /// <summary>Class names; a class index is a position in this list.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of classes.</summary>
    public int Count => Names.Count;

    /// <summary>The set of distinct labels in <paramref name="labels"/>, in the stable order.</summary>
    public static LabelSet FromLabels(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        bool numeric = distinct.All(l => long.TryParse(l, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        if (numeric) distinct.Sort((a, b) => long.Parse(a, CultureInfo.InvariantCulture).CompareTo(long.Parse(b, CultureInfo.InvariantCulture)));
        else distinct.Sort(StringComparer.Ordinal);
        return new LabelSet(distinct);
    }

    /// <summary>True when <paramref name="label"/> is one of the classes.</summary>
    public bool Contains(string label) => _index.ContainsKey(label);

    /// <summary>The class index of <paramref name="label"/>; -1 when unknown.</summary>
    public int IndexOf(string label) => _index.TryGetValue(label, out int i) ? i : -1;

    /// <summary>Writes the labels to <paramref name="path"/> as JSON (<c>{"labels": […]}</c>), atomically.</summary>
    public void Save(string path) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new { labels = Names }, new JsonSerializerOptions { WriteIndented = true }) + "\n");

    /// <summary>Reads a label set written by <see cref="Save"/>; an unreadable file is an error naming it.</summary>
    public static LabelSet Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.TryGetProperty("labels", out var array) || array.ValueKind != JsonValueKind.Array)
            throw SequenceFormatException.Unreadable(path, "expected an object with a \"labels\" array");
        return new LabelSet(array.EnumerateArray().Select(e => e.ToString()).ToList());
    }
}
