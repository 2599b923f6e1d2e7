using VqDna.Torch;

namespace VqDna.Cli.Tests;

/// <summary>A fact about a machine without a GPU (CI's): skipped, saying so, where CUDA is available.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (torch.cuda.is_available()) Skip = "this machine has a GPU: the error it checks is that of a machine without one";
    }
}
