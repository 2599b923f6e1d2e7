namespace VqDna.Torch.Diagnostics;

/// <summary>
/// Which BLAS libtorch really calls. Debian's libtorch links libblas.so.3, which the alternatives
/// system resolves to OpenBLAS only when libopenblas0-pthread is installed; otherwise it is the
/// reference BLAS, about 30x slower. So we read the libraries actually mapped into this process.
/// </summary>
public static class BlasProbe
{
    /// <summary>Resolved paths of every BLAS/LAPACK library mapped into the process after a matmul.</summary>
    public static IReadOnlyList<string> LoadedLibraries()
    {
        using (torch.NewDisposeScope())
        {
            using var a = torch.ones(8, 8);
            using var product = a.matmul(a); // make sure the BLAS is loaded and resolved
        }
        return MappedLibraries.Find(IsBlas);
    }

    /// <summary>A one-line verdict: "OpenBLAS (path)" or a warning naming what was found.</summary>
    public static string Describe()
    {
        var libs = LoadedLibraries();
        var openblas = libs.FirstOrDefault(p => p.Contains("openblas", StringComparison.OrdinalIgnoreCase));
        if (openblas is not null) return $"OpenBLAS ({openblas})";
        if (libs.Count == 0) return "no BLAS library mapped (libtorch may be using its own kernels)";
        return $"reference BLAS ({string.Join(", ", libs)}); install libopenblas0-pthread for ~30x faster matmul";
    }

    private static bool IsBlas(string name) =>
        name.Contains("blas", StringComparison.OrdinalIgnoreCase) || name.Contains("lapack", StringComparison.OrdinalIgnoreCase);
}
