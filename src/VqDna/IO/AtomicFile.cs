using System.Text;
using VqDna.Torch.Serialization;

namespace VqDna.IO;

/// <summary>Writes files so that a crash leaves either the old file or the new one, never a torn one (see <see cref="AtomicFileStream"/>).</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>, atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var stream = new AtomicFileStream(path);
        stream.Write(new UTF8Encoding(false).GetBytes(text));
        stream.Commit();
    }

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/>, then moves it into place.</summary>
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
