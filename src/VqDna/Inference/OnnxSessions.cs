using Microsoft.ML.OnnxRuntime;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// How every ONNX Runtime session of ours is opened: the CPU provider with one intra-op thread per core (the
/// count libtorch uses, so VQDNA_THREADS steers both engines), sequential execution (our graphs are one chain
/// of ops: parallel execution only adds an inter-op pool competing for the same cores), every graph
/// optimisation (constant folding, fusions such as LayerNorm and GELU, layout changes for Conv and MatMul).
/// </summary>
internal static class OnnxSessions
{
    /// <summary>
    /// Set to a path prefix to make every session write ONNX Runtime's per-op profile (a Chrome trace JSON,
    /// PREFIX_DATE.json) when it is closed (<see cref="Close"/>): how bench/vq-throughput shows where the time goes.
    /// </summary>
    public const string ProfileVariable = "VQDNA_ORT_PROFILE";

    public static InferenceSession Open(byte[] model, string source)
    {
        using var options = Options();
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime cannot load {source}: {e.Message}", e);
        }
    }

    /// <summary>Disposes <paramref name="session"/>, first writing its profile when profiling is on (ONNX Runtime writes it only when asked).</summary>
    public static void Close(InferenceSession session)
    {
        if (Environment.GetEnvironmentVariable(ProfileVariable) is { Length: > 0 }) session.EndProfiling();
        session.Dispose();
    }

    private static SessionOptions Options()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = torch.get_num_threads(),
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (Environment.GetEnvironmentVariable(ProfileVariable) is { Length: > 0 } prefix)
        {
            options.ProfileOutputPathPrefix = prefix;                                  // before EnableProfiling, which reads it
            options.EnableProfiling = true;
        }
        return options;
    }
}
