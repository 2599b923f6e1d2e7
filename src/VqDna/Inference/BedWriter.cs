using System.Globalization;

namespace VqDna.Inference;

/// <summary>
/// Predicted regions as BED6 (chrom, start, end, label, score, strand "."), streamed from window predictions
/// in record and position order. Each window speaks for the stride centred in it (the first from the record's
/// start, the last to its end), so regions tile each record without overlapping; consecutive windows with the
/// same predicted label merge into one region, scored 0–1000 by their mean probability of that label.
/// </summary>
public sealed class BedWriter(TextWriter writer, IReadOnlyList<string> labels, SequenceWindows windows)
{
    private string? _record;
    private int _label = -1, _start, _end, _count;
    private double _sum;
    private Prediction? _previous;

    /// <summary>Adds the next window's prediction.</summary>
    public void Add(Prediction p)
    {
        bool first = p.Id != _record || _previous is null || p.Start <= _previous.Start;
        int offset = Math.Max(0, (windows.Window - windows.Stride) / 2);
        int from = first ? p.Start : Math.Min(p.Start + offset, p.End);
        if (!first) _end = from;                                                  // the previous window's share stops here
        int label = p.Predicted;
        if (first || label != _label)
        {
            Flush();
            (_record, _label, _start, _sum, _count) = (p.Id, label, from, 0, 0);
        }
        _end = p.End;                                                              // until a next window takes over
        _sum += p.Probabilities[label];
        _count++;
        _previous = p;
    }

    /// <summary>Writes the last open region.</summary>
    public void Finish()
    {
        Flush();
        _record = null;
        _previous = null;
    }

    private void Flush()
    {
        if (_record is null || _count == 0 || _end <= _start) return;
        int score = (int)Math.Round(1000 * _sum / _count);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_record}\t{_start}\t{_end}\t{labels[_label]}\t{score}\t."));
        _count = 0;
    }
}
