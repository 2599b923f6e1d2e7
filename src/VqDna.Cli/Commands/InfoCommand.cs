using System.CommandLine;
using Spectre.Console;
using VqDna.Torch.Diagnostics;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna info`: versions, threads, the BLAS libtorch really uses, and measured sgemm GFLOP/s.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--sgemm-size") { Description = "matrix size for the sgemm measurement", DefaultValueFactory = _ => 1024 };
        var command = new Command("info", "Show versions, threads, BLAS and measured matmul throughput") { size };
        command.SetAction(parse =>
        {
            var report = RuntimeReport.Collect(parse.GetValue(size));
            var table = new Table().AddColumn("item").AddColumn("value").HideHeaders().Border(TableBorder.Rounded);
            table.AddRow("vqdna", VqDna.BuildInfo.Version);
            table.AddRow(".NET", report.DotnetVersion);
            table.AddRow("libtorch", report.TorchVersion);
            table.AddRow("CPU", Markup.Escape(report.Cpu));
            table.AddRow("threads", $"{report.Threads} (of {report.LogicalCores} logical cores)");
            table.AddRow("BLAS", Markup.Escape(report.Blas));
            table.AddRow("sgemm", $"{report.SgemmGflops:F1} GFLOP/s (float32, {parse.GetValue(size)}³, best of 7)");
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
