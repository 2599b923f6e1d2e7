namespace VqDna.Datasets;

/// <summary>
/// A labelled task in the GUE layout: a folder with train.csv, dev.csv and test.csv
/// (header <c>sequence,label</c>) and, once saved by us, labels.json fixing the class order.
/// </summary>
/// <param name="Name">The folder name.</param>
/// <param name="Labels">The classes, in their saved order.</param>
/// <param name="Train">The training split.</param>
/// <param name="Dev">The validation split.</param>
/// <param name="Test">The held-out test split.</param>
public sealed record GueTask(
    string Name,
    LabelSet Labels,
    IReadOnlyList<LabelledSequence> Train,
    IReadOnlyList<LabelledSequence> Dev,
    IReadOnlyList<LabelledSequence> Test)
{
    /// <summary>The split files every task folder has.</summary>
    public static readonly IReadOnlyList<string> SplitNames = ["train", "dev", "test"];

    /// <summary>The share of each class of train.csv carved off as the dev split when a folder has no dev.csv.</summary>
    public const double CarvedDevFraction = 0.1;

    /// <summary>The seed of that carving: the same folder always gives the same split.</summary>
    public const int CarvedDevSeed = 20;

    /// <summary>
    /// How the dev split was made when the folder has no dev.csv ("dev carved from train.csv: …"), for the run
    /// record and the user; null when dev.csv was read.
    /// </summary>
    public string? DevSplit { get; init; }

    /// <summary>
    /// Loads a task folder. The class order comes from labels.json when present (a label missing
    /// from it is an error naming the line); otherwise from the labels of all three splits.
    /// A task that cannot be trained and scored is refused here, before any training starts (issue 19):
    /// a split with no rows, a training split with one class, a dev or test label absent from train.csv.
    /// </summary>
    /// <exception cref="InvalidDataException">The task cannot be trained or scored; the message names the file.</exception>
    public static GueTask Load(string folder)
    {
        var splits = new List<GueCsv.Row>[3];
        bool carveDev = !File.Exists(Path.Combine(folder, "dev.csv")) && File.Exists(Path.Combine(folder, "train.csv"));
        for (int i = 0; i < 3; i++)
        {
            var path = Path.Combine(folder, SplitNames[i] + ".csv");
            if (i == 1 && carveDev) { splits[i] = []; continue; }
            if (!File.Exists(path)) throw new FileNotFoundException($"task folder '{folder}' has no {SplitNames[i]}.csv (GUE layout: train.csv, dev.csv, test.csv)", path);
            splits[i] = GueCsv.Read(path);
            if (splits[i].Count == 0)
                throw new InvalidDataException($"{path}: no rows after the header; expected one 'sequence,label' row per example");
        }
        var labelsPath = Path.Combine(folder, LabelSet.FileName);
        var labels = File.Exists(labelsPath) ? LabelSet.Load(labelsPath) : LabelSet.FromLabels(splits.SelectMany(s => s).Select(r => r.Label));
        string? devSplit = null;
        if (carveDev) (splits[0], splits[1], devSplit) = CarveDev(splits[0], labels);
        var mapped = new List<LabelledSequence>[3];
        for (int i = 0; i < 3; i++)
        {
            var path = Path.Combine(folder, SplitNames[i] + ".csv");
            mapped[i] = splits[i].Select(r =>
            {
                int index = labels.IndexOf(r.Label);
                if (index < 0)
                    throw Sequences.SequenceFormatException.Malformed(path, null, r.Line, $"label '{r.Label}' is not in {labelsPath} ({string.Join(", ", labels.Names)})");
                return new LabelledSequence(r.Sequence, index);
            }).ToList();
        }
        CheckTrainable(folder, splits);
        return new GueTask(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), labels, mapped[0], mapped[1], mapped[2]) { DevSplit = devSplit };
    }

    /// <summary>
    /// A seeded, stratified dev split: <see cref="CarvedDevFraction"/> of each class's train rows (rounded, at least
    /// one for a class with two or more), chosen by <see cref="CarvedDevSeed"/>; the rest stay in train, in file order.
    /// </summary>
    private static (List<GueCsv.Row> Train, List<GueCsv.Row> Dev, string Description) CarveDev(List<GueCsv.Row> train, LabelSet labels)
    {
        var random = new Random(CarvedDevSeed);
        var chosen = new HashSet<int>();
        foreach (var label in labels.Names)
        {
            var rows = Enumerable.Range(0, train.Count).Where(i => train[i].Label == label).ToList();
            int take = rows.Count < 2 ? 0 : Math.Max(1, (int)Math.Round(rows.Count * CarvedDevFraction));
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
            chosen.UnionWith(rows.Take(take));
        }
        var kept = Enumerable.Range(0, train.Count).Where(i => !chosen.Contains(i)).Select(i => train[i]).ToList();
        var dev = Enumerable.Range(0, train.Count).Where(chosen.Contains).Select(i => train[i]).ToList();
        return (kept, dev, $"no dev.csv: dev carved from train.csv, {CarvedDevFraction * 100:F0}% of each class ({dev.Count} of {train.Count} rows, seed {CarvedDevSeed})");
    }

    /// <summary>A training split with one class learns nothing; a label never seen in training can never be predicted.</summary>
    private static void CheckTrainable(string folder, List<GueCsv.Row>[] splits)
    {
        var trainPath = Path.Combine(folder, "train.csv");
        var trained = splits[0].Select(r => r.Label).ToHashSet(StringComparer.Ordinal);
        if (trained.Count < 2)
            throw new InvalidDataException($"{trainPath}: every row has the label '{trained.Single()}'; expected at least two classes to train a classifier");
        for (int i = 1; i < 3; i++)
            foreach (var unseen in splits[i].Where(r => !trained.Contains(r.Label)).Take(1))
                throw new InvalidDataException($"{Path.Combine(folder, SplitNames[i] + ".csv")}, line {unseen.Line}: label '{unseen.Label}' never occurs in {trainPath} " +
                    $"({string.Join(", ", trained.Order(StringComparer.Ordinal))}); the model could never predict it");
    }

    /// <summary>Writes the three CSV files and labels.json into <paramref name="folder"/>.</summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        IReadOnlyList<LabelledSequence>[] splits = [Train, Dev, Test];
        for (int i = 0; i < 3; i++)
            GueCsv.Write(Path.Combine(folder, SplitNames[i] + ".csv"), splits[i].Select(s => (s.Sequence, Labels.Names[s.Label])));
        Labels.Save(Path.Combine(folder, LabelSet.FileName));
    }
}
