using System.Runtime.InteropServices;

namespace VqDna.Torch.Native;

/// <summary>
/// The C runtime's environment. On Unix, Environment.SetEnvironmentVariable changes only .NET's own copy,
/// which native libraries never read; settings for libtorch's OpenMP runtime must go through setenv.
/// </summary>
internal static partial class NativeEnvironment
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);

    /// <summary>Sets <paramref name="name"/> unless it is already set; returns the value in effect.</summary>
    public static string SetDefault(string name, string value)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return Environment.GetEnvironmentVariable(name) ?? "";
        if (setenv(name, value, overwrite: 0) != 0) return Environment.GetEnvironmentVariable(name) ?? "";
        return Marshal.PtrToStringUTF8(getenv(name)) ?? "";
    }

    /// <summary>
    /// Whether a shared library whose file name starts with <paramref name="name"/> is mapped into this process (Linux:
    /// /proc/self/maps); false where that cannot be read.
    /// </summary>
    public static bool IsLoaded(string name)
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps)) return false;
        try
        {
            return File.ReadLines(maps).Any(line => Path.GetFileName(line.AsSpan().Trim()).StartsWith(name, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
