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
    /// <summary>Writes atomically: a temporary file beside the target, renamed over it when complete.</summary>
    public static unsafe void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path)
    {
        var entries = tensors.ToArray();
        var temp = path + ".tmp-" + Environment.ProcessId;
        var names = entries.Select(e => Marshal.StringToCoTaskMemUTF8(e.Key)).ToArray();
        try
        {
            var handles = entries.Select(e => e.Value.Raw).ToArray();
            var pathBytes = Encoding.UTF8.GetBytes(temp + "\0");
            fixed (byte* p = pathBytes)
            fixed (IntPtr* n = names, h = handles)
                NativeMethods.Check(NativeMethods.vq_save_dict(p, n, h, entries.Length));
            GC.KeepAlive(entries);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            foreach (var n in names) Marshal.FreeCoTaskMem(n);
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads every tensor in the file, in its stored order; the caller owns the tensors.</summary>
    public static unsafe OrderedDictionary<string, Tensor> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no such file: '{path}'", path);
        var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
        IntPtr dict;
        int count;
        fixed (byte* p = pathBytes) dict = NativeMethods.vq_load_dict(p, out count);
        if (dict == IntPtr.Zero) throw new InvalidDataException($"cannot read '{path}' as a torch.save file: {NativeMethods.LastError()}");
        try
        {
            var result = new OrderedDictionary<string, Tensor>();
            for (int i = 0; i < count; i++)
            {
                var key = Marshal.PtrToStringUTF8(NativeMethods.vq_loaded_key(dict, i))!;
                result.Add(key, Tensor.Adopt(NativeMethods.vq_loaded_tensor(dict, i)));
            }
            return result;
        }
        finally
        {
            NativeMethods.vq_loaded_free(dict);
        }
    }
}
