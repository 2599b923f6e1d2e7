using VqDna.Models.Engines;

namespace VqDna.Cli.Settings;

/// <summary>The words of --device and --precision, resolved by the library once; an impossible choice is an option error.</summary>
/// <param name="device">auto, cpu, cuda or cuda:N.</param>
/// <param name="precision">auto, fp32 or bf16.</param>
internal sealed class DeviceChoice(string device, string precision)
{
    private DeviceSettings? resolved;

    /// <summary>auto for both: what a settings record holds when built without the options (tests, defaults).</summary>
    public static DeviceChoice Auto => new(DeviceSettings.Auto, DeviceSettings.Auto);

    public string Device { get; } = device;
    public string Precision { get; } = precision;

    /// <summary>
    /// The device and precision; `--device cuda` where there is none is one line naming the option
    /// (<c>--device 'cuda' asks for a GPU, but CUDA is not available here …</c>).
    /// </summary>
    /// <exception cref="UsageException">a word is unknown, or names a GPU that is not here.</exception>
    public DeviceSettings Resolve()
    {
        if (resolved is not null) return resolved;
        try { return resolved = DeviceSettings.Resolve(Device, Precision, "--device", "--precision"); }
        catch (ArgumentException e) { throw UsageException.Because(e.Message); }
    }

    /// <summary>
    /// A line to show when the ONNX engine was asked for but the model runs on a GPU, where libtorch runs it instead
    /// (<see cref="InferenceEngines.On"/>); null otherwise.
    /// </summary>
    public string? EngineNote(InferenceEngine requested)
    {
        var device = Resolve().Device;
        return requested.On(device) == requested ? null
            : $"note: --engine onnx runs on the CPU only; on {device} the model runs on libtorch (--engine torch)";
    }
}
