namespace VqDna.Torch.Tests.Devices;

/// <summary>
/// A fact that needs a GPU: skipped, with the reason shown in the test output, where torch.cuda.is_available()
/// is false (every CPU machine and CI). Pair it with <c>[Trait("Category", "GPU")]</c> so the device script can
/// run the subset alone (<c>--filter Category=GPU</c>).
/// </summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
            Skip = $"no CUDA device (libtorch {torch.libtorch_version}{(torch.cuda.is_built() ? ", built with CUDA" : ", CPU-only build")})";
    }
}
