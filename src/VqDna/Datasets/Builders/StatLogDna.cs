using System.ComponentModel;
using System.Diagnostics;

namespace VqDna.Datasets.Builders;

/// <summary>
/// The UCI/StatLog primate splice-junction data as shipped by the R package mlbench (data/DNA.rda):
/// 3,186 rows of 180 binary indicators (60 bases × 3 bits: A=100, C=010, G=001, T=000) and a
/// class ei, ie or n. Reading .rda needs R: <see cref="ExportWithR"/> runs Rscript to write a
/// plain CSV (bits,class), which <see cref="ReadExport"/> decodes.
/// </summary>
public static class StatLogDna
{
    /// <summary>Bases per example.</summary>
    public const int Length = 60;

    // Exports one line per row: the 180 indicator digits run together, a comma, the class.
    private const string ExportScript =
        "a <- commandArgs(trailingOnly=TRUE); e <- new.env(); load(a[1], envir=e); " +
        "if (!exists('DNA', envir=e)) stop('no object DNA in ', a[1]); d <- get('DNA', envir=e); " +
        "bits <- sapply(d[, 1:180], as.character); " +
        "out <- data.frame(bits=apply(bits, 1, paste, collapse=''), class=as.character(d$Class)); " +
        "write.table(out, a[2], sep=',', row.names=FALSE, quote=FALSE)";

    /// <summary>
    /// Runs <paramref name="rscript"/> to export <paramref name="rdaPath"/> to <paramref name="csvPath"/>.
    /// Throws with install advice when R cannot be started.
    /// </summary>
    public static void ExportWithR(string rdaPath, string csvPath, string rscript = "Rscript")
    {
        if (!File.Exists(rdaPath)) throw new FileNotFoundException($"{rdaPath} not found (r-cran-mlbench: data/DNA.rda)", rdaPath);
        var info = new ProcessStartInfo(rscript) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--vanilla", "-e", ExportScript, rdaPath, csvPath }) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info) ?? throw new IOException($"could not start {rscript}"); }
        catch (Win32Exception e)
        {
            throw new IOException($"reading {rdaPath} needs R, but `{rscript}` could not be started ({e.Message}); " +
                "install it with `apt-get install --no-install-recommends r-base-core`", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new IOException($"`{rscript}` failed to export {rdaPath} (exit {process.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}".Trim());
        }
    }

    /// <summary>Decodes an export: header "bits,class", then one row per example.</summary>
    public static List<(string Sequence, string Label)> ReadExport(string csvPath)
    {
        var rows = new List<(string, string)>();
        long line = 0;
        foreach (var text in File.ReadLines(csvPath))
        {
            line++;
            if (line == 1)
            {
                if (text.Trim() != "bits,class") throw new InvalidDataException($"{csvPath}, line 1: expected the header 'bits,class', got '{text}'");
                continue;
            }
            if (text.Length == 0) continue;
            var fields = text.Split(',');
            if (fields.Length != 2) throw new InvalidDataException($"{csvPath}, line {line}: expected 2 fields (bits,class), got {fields.Length}");
            if (fields[1] is not ("ei" or "ie" or "n")) throw new InvalidDataException($"{csvPath}, line {line}: class '{fields[1]}' is not ei, ie or n");
            rows.Add((Decode(fields[0], csvPath, line), fields[1]));
        }
        if (rows.Count == 0) throw new InvalidDataException($"{csvPath}: no rows");
        return rows;
    }

    /// <summary>Decodes 180 indicator digits into 60 bases (A=100, C=010, G=001, T=000).</summary>
    public static string Decode(string bits, string source, long line)
    {
        if (bits.Length != 3 * Length)
            throw new InvalidDataException($"{source}, line {line}: {bits.Length} indicator digits, expected {3 * Length} (60 bases × 3)");
        return string.Create(Length, bits, (dst, b) =>
        {
            for (int i = 0; i < dst.Length; i++)
            {
                dst[i] = b.AsSpan(3 * i, 3) switch
                {
                    "100" => 'A',
                    "010" => 'C',
                    "001" => 'G',
                    "000" => 'T',
                    var other => throw new InvalidDataException($"{source}, line {line}: base {i + 1} is coded '{other}'; expected 100 (A), 010 (C), 001 (G) or 000 (T)"),
                };
            }
        });
    }
}
