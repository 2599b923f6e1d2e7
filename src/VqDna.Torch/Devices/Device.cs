using System.Globalization;

namespace VqDna.Torch;

/// <summary>
/// Where a tensor lives, as torch.device: <c>cpu</c>, <c>cuda</c> (the current GPU), <c>cuda:N</c> or <c>meta</c>.
/// Parsing checks the spelling only; asking libtorch for a CUDA device where none is usable is an error that
/// names the device (see <see cref="torch.cuda"/> and <see cref="Resolve"/>).
/// </summary>
public readonly struct Device : IEquatable<Device>
{
    /// <summary>Creates a device; <paramref name="index"/> -1 means none (the current device of that type).</summary>
    public Device(DeviceType type, int index = -1)
    {
        if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException(nameof(type), type, "expected CPU, CUDA or Meta");
        if (index < -1) throw new ArgumentOutOfRangeException(nameof(index), index, "a device index is -1 (none) or at least 0");
        if (type != DeviceType.CUDA && index > 0)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"a {type.ToString().ToLowerInvariant()} device has only index 0");
        (this.type, this.index) = (type, type == DeviceType.CUDA ? index : -1);
    }

    /// <summary>The host (the default of every creation function).</summary>
    public static Device CPU => new(DeviceType.CPU);

    /// <summary>The current CUDA device.</summary>
    public static Device CUDA => new(DeviceType.CUDA);

    /// <summary>Shape-only tensors.</summary>
    public static Device Meta => new(DeviceType.Meta);

    /// <summary>The kind of device: CPU, CUDA or Meta (torch.device.type).</summary>
    public DeviceType type { get; }

    /// <summary>The device index, or -1 when none was given.</summary>
    public int index { get; }

    /// <summary>True for a CUDA device.</summary>
    public bool is_cuda => type == DeviceType.CUDA;

    /// <summary>True for the host.</summary>
    public bool is_cpu => type == DeviceType.CPU;

    /// <summary>Parses <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>meta</c> (case-insensitive, as torch.device).</summary>
    /// <exception cref="ArgumentException">the text names no device; the message quotes it and lists the forms.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var device)) return device;
        throw new ArgumentException($"'{text}' is not a device: expected cpu, cuda, cuda:N (N = 0, 1, ...) or meta", nameof(text));
    }

    /// <summary>Parses as <see cref="Parse"/> does; false, with <paramref name="device"/> the CPU, when the text names no device.</summary>
    public static bool TryParse(string? text, out Device device)
    {
        device = CPU;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().ToLowerInvariant();
        int colon = s.IndexOf(':');
        var name = colon < 0 ? s : s[..colon];
        int index = -1;
        if (colon >= 0 && !(int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < 128))
            return false;
        DeviceType? type = name switch { "cpu" => DeviceType.CPU, "cuda" => DeviceType.CUDA, "meta" => DeviceType.Meta, _ => null };
        if (type is null || (type != DeviceType.CUDA && index > 0)) return false;
        device = new Device(type.Value, index);
        return true;
    }

    /// <summary>
    /// A device a user asked for by name: <c>auto</c> is CUDA when available, else the CPU; anything else is
    /// parsed and, for CUDA, checked to exist here. <paramref name="source"/> names where the text came from
    /// (e.g. <c>--device</c>) in the error.
    /// </summary>
    /// <exception cref="ArgumentException">the text is no device, or names a CUDA device that is not here.</exception>
    public static Device Resolve(string text, string source = "device")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
            return torch.cuda.is_available() ? CUDA : CPU;
        if (!TryParse(text, out var device))
            throw new ArgumentException($"{source} '{text}' is not a device: expected auto, cpu, cuda or cuda:N (N = 0, 1, ...)");
        if (device.is_cuda)
        {
            int count = torch.cuda.device_count();
            if (count == 0)
                throw new ArgumentException($"{source} '{text}' asks for a GPU, but CUDA is not available here " +
                    $"(libvqdna_native is built against libtorch {torch.libtorch_version}{(torch.cuda.is_built() ? "" : ", a CPU-only build")}); use --device cpu or auto");
            if (device.index >= count)
                throw new ArgumentException($"{source} '{text}' asks for GPU {device.index}, but only {count} CUDA device{(count == 1 ? " is" : "s are")} visible");
        }
        return device;
    }

    /// <summary>Same type and index.</summary>
    public bool Equals(Device other) => type == other.type && index == other.index;

    /// <summary>Same type and index as another <see cref="Device"/>.</summary>
    public override bool Equals(object? obj) => obj is Device d && Equals(d);

    /// <summary>A hash of the type and index.</summary>
    public override int GetHashCode() => HashCode.Combine(type, index);

    /// <summary>Same type and index.</summary>
    public static bool operator ==(Device a, Device b) => a.Equals(b);

    /// <summary>Different type or index.</summary>
    public static bool operator !=(Device a, Device b) => !a.Equals(b);

    /// <summary>PyTorch's spelling: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>, <c>meta</c>.</summary>
    public override string ToString() =>
        (type == DeviceType.CUDA ? "cuda" : type.ToString().ToLowerInvariant()) + (index >= 0 && type == DeviceType.CUDA ? $":{index}" : "");
}
