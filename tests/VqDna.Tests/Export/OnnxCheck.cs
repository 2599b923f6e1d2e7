using System.Text.Json;

namespace VqDna.Tests.Export;

/// <summary>
/// Runs the ONNX project's checker (Debian's python3-onnx, onnx.checker.check_model with full_check) on a
/// file through scripts/onnx_check.py, and returns what the script reports. A missing python3-onnx fails
/// the test with the package to install: passing the checker is a promise of the export.
/// </summary>
internal static class OnnxCheck
{
    public static JsonElement Run(string model)
    {
        var stdout = PythonScript.Run("onnx_check.py", model);
        return JsonDocument.Parse(stdout).RootElement;
    }

    /// <summary>The names of the graph's inputs or outputs as the checker read them.</summary>
    public static string[] Names(JsonElement report, string list) =>
        report.GetProperty(list).EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToArray();
}
