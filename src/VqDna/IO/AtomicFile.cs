using System.Text;

namespace VqDna.IO;

/// <summary>Writes files so that a crash leaves either the old file or the new one, never a torn one.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temp = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        var temp = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
