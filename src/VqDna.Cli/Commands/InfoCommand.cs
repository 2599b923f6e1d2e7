using VqDna.Torch;
using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Torch.Diagnostics;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna info`: versions, threads, the BLAS libtorch really uses, the malloc, what `--precision auto` trains in, and measured sgemm GFLOP/s.</summary>
internal sealed class InfoCommand : VerbCommand<InfoSettings>
{
    private readonly Option<int> size = new("--sgemm-size") { Description = "matrix size for the sgemm measurement", DefaultValueFactory = _ => RuntimeReport.DefaultSgemmSize };

    protected override Command Declare() => new("info", "Show versions, threads, BLAS and measured matmul throughput") { size };

    protected override InfoSettings Bind(ParseResult parse) => new(parse.GetValue(size));

    protected override int Run(InfoSettings settings)
    {
        // Asked first, as every command's --device resolution does: the first native call then comes through torch.cuda.
        var cuda = torch.cuda.is_available() ? $"{torch.cuda.device_count()} GPU(s)" : torch.cuda.is_built() ? "built for, no GPU visible" : "not built for";
        var report = RuntimeReport.Collect(settings.SgemmSize);
        var table = new Table().AddColumn("item").AddColumn("value").HideHeaders().Border(TableBorder.Rounded);
        table.AddRow("vqdna", VqDna.BuildInfo.Version);
        table.AddRow(".NET", report.DotnetVersion);
        table.AddRow("libtorch", report.TorchVersion);
        table.AddRow("CPU", Markup.Escape(report.Cpu));
        table.AddRow("threads", $"{report.Threads} (of {report.LogicalCores} logical cores)");
        table.AddRow("BLAS", Markup.Escape(report.Blas));
        table.AddRow("malloc", Markup.Escape(report.Allocator));
        table.AddRow("OpenMP wait", Markup.Escape(report.OmpWaitPolicy));
        table.AddRow("CUDA", cuda);
        table.AddRow("training precision", CpuBfloat16.IsNative
            ? "auto: bf16 on the CPU (it multiplies bfloat16 natively: AVX512-BF16) and on CUDA"
            : "auto: fp32 on the CPU (no native bfloat16), bf16 on CUDA");
        table.AddRow("sgemm", $"{report.SgemmGflops:F1} GFLOP/s (float32, {settings.SgemmSize}³, best of 7)");
        Terminal.Out.Write(table);
        return 0;
    }
}
