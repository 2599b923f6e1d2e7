using System.CommandLine;
using VqDna.Models.Engines;

namespace VqDna.Cli.Settings;

/// <summary>
/// `--device cpu|cuda|cuda:N|auto` (every verb that runs a model) and `--precision fp32|bf16|auto` (the training
/// verbs): one definition for all of them (issue 18). The library resolves the words (<see cref="DeviceSettings.Resolve"/>).
/// </summary>
internal sealed class DeviceOptions
{
    /// <param name="precision">Whether the verb trains (and so takes --precision too).</param>
    public DeviceOptions(bool precision)
    {
        Device = new Option<string>("--device")
        {
            Description = "where models run: auto (a GPU when CUDA is available, else the CPU), cpu, cuda or cuda:N (default: auto)",
            HelpName = "auto|cpu|cuda|cuda:N",
            DefaultValueFactory = _ => DeviceSettings.Auto,
        };
        Device.CompletionSources.Add(DeviceSettings.Auto, "cpu", "cuda");
        if (!precision) return;
        Precision = new Option<string>("--precision")
        {
            Description = "training forwards in fp32, or bf16 autocast over float32 weights; auto: bf16 on CUDA and on CPUs with native bfloat16 (AVX512-BF16), else fp32 (default: auto)",
            HelpName = "auto|fp32|bf16",
            DefaultValueFactory = _ => DeviceSettings.Auto,
        };
        Precision.CompletionSources.Add(DeviceSettings.Auto, "fp32", "bf16");
    }

    public Option<string> Device { get; }

    /// <summary>Null on a verb that only infers.</summary>
    public Option<string>? Precision { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Device);
        if (Precision is not null) command.Options.Add(Precision);
    }

    /// <summary>The words given (resolved once, by <see cref="DeviceChoice.Resolve"/>, when the settings are validated).</summary>
    public DeviceChoice Read(ParseResult parse) =>
        new(parse.GetValue(Device) ?? DeviceSettings.Auto, Precision is null ? DeviceSettings.Auto : parse.GetValue(Precision) ?? DeviceSettings.Auto);
}
