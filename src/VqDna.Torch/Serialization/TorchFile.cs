using System.Runtime.InteropServices;
using System.Text;
using VqDna.Torch.Native;

namespace VqDna.Torch.Serialization;

/// <summary>
/// Files in torch.save's zip format holding a dict of named tensors: Python's torch.load reads what
/// <see cref="Save"/> writes, and <see cref="Load"/> reads torch.save(dict) output.
/// </summary>
public static class TorchFile
{
    /// <summary>
    /// Writes atomically: a temporary file beside the target, renamed over it when complete (a FIFO or device is
    /// written through, a symbolic link followed; see <see cref="OutputTarget"/>).
    /// </summary>
    public static unsafe void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path)
    {
        var entries = tensors.ToArray();
        var target = OutputTarget.Resolve(path);
        if (target.IsStandardOutput) throw new IOException("torch.save files are written by libtorch to a named file, not to standard output");
        target.PrepareFolder();
        var temp = target.WriteThrough ? target.Path : target.TempPath;
        var names = entries.Select(e => Marshal.StringToCoTaskMemUTF8(e.Key)).ToArray();
        try
        {
            var handles = entries.Select(e => e.Value.Raw).ToArray();
            var pathBytes = Encoding.UTF8.GetBytes(temp + "\0");
            fixed (byte* p = pathBytes)
            fixed (IntPtr* n = names, h = handles)
                NativeMethods.Check(NativeMethods.vq_save_dict(p, n, h, entries.Length));
            GC.KeepAlive(entries);
            if (!target.WriteThrough) target.ReplaceWith(temp);
        }
        finally
        {
            foreach (var n in names) Marshal.FreeCoTaskMem(n);
            if (!target.WriteThrough && File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Reads every tensor of the dict (plain or OrderedDict, e.g. a module's state_dict) in the file, in its stored
    /// order; the caller owns the tensors. Read in C# by <see cref="TorchZipReader"/>, not by libtorch 1.13's
    /// unpickler, which reads collections.OrderedDict as None (pytorch/pytorch#100741).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a torch.save zip of a dict of tensors, or is damaged.</exception>
    public static OrderedDictionary<string, Tensor> Load(string path) => TorchZipReader.Load(path);
}
