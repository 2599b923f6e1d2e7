using System.Globalization;

namespace VqDna.Datasets.Builders;

/// <summary>
/// A JASPAR position count matrix as pscan-chip ships it (jaspar_2016.wil): a header
/// "&gt;ID&lt;tab&gt;NAME" followed by four rows of counts, for A, C, G and T, one column per motif position.
/// </summary>
/// <param name="Id">The JASPAR matrix id, e.g. MA0139.1.</param>
/// <param name="Name">The transcription factor, e.g. CTCF.</param>
/// <param name="Counts">Counts[base][position], bases in the order A, C, G, T.</param>
public sealed record JasparMatrix(string Id, string Name, double[][] Counts)
{
    private const string Bases = "ACGT";

    /// <summary>Motif length.</summary>
    public int Length => Counts[0].Length;

    /// <summary>
    /// Draws one motif instance: each position's base independently, with probability
    /// proportional to its count (the matrix is the tally of real binding sites).
    /// </summary>
    public string Sample(Random random)
    {
        var chars = new char[Length];
        for (int p = 0; p < Length; p++)
        {
            double total = Counts[0][p] + Counts[1][p] + Counts[2][p] + Counts[3][p];
            double r = random.NextDouble() * total;
            int b = 0;
            while (b < 3 && r >= Counts[b][p]) { r -= Counts[b][p]; b++; }
            chars[p] = Bases[b];
        }
        return new string(chars);
    }

    /// <summary>Reads every matrix of a .wil file; errors name the line.</summary>
    public static List<JasparMatrix> ReadAll(string path)
    {
        var matrices = new List<JasparMatrix>();
        var lines = File.ReadAllLines(path);
        int i = 0;
        while (i < lines.Length)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) { i++; continue; }
            if (!lines[i].StartsWith('>')) throw new InvalidDataException($"{path}, line {i + 1}: expected a '>ID<tab>NAME' header, got '{lines[i]}'");
            var header = lines[i][1..].Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries);
            if (header.Length == 0) throw new InvalidDataException($"{path}, line {i + 1}: empty matrix header");
            var counts = new double[4][];
            for (int b = 0; b < 4; b++)
            {
                int line = i + 2 + b;
                if (line > lines.Length) throw new InvalidDataException($"{path}, line {line}: matrix {header[0]} ends after {b} of its 4 rows (A, C, G, T)");
                var fields = lines[line - 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                counts[b] = new double[fields.Length];
                for (int p = 0; p < fields.Length; p++)
                    if (!double.TryParse(fields[p], NumberStyles.Float, CultureInfo.InvariantCulture, out counts[b][p]) || counts[b][p] < 0)
                        throw new InvalidDataException($"{path}, line {line}: '{fields[p]}' (matrix {header[0]}, row {Bases[b]}, column {p + 1}) is not a non-negative count");
                if (fields.Length == 0 || fields.Length != counts[0].Length)
                    throw new InvalidDataException($"{path}, line {line}: matrix {header[0]} row {Bases[b]} has {fields.Length} columns, row A has {counts[0].Length}");
            }
            for (int p = 0; p < counts[0].Length; p++)
                if (counts[0][p] + counts[1][p] + counts[2][p] + counts[3][p] <= 0)
                    throw new InvalidDataException($"{path}, line {i + 2}: matrix {header[0]} column {p + 1} has no counts");
            matrices.Add(new JasparMatrix(header[0], header.Length > 1 ? header[1] : header[0], counts));
            i += 5;
        }
        return matrices;
    }
}
