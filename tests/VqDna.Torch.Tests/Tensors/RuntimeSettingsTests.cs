namespace VqDna.Torch.Tests.Tensors;

/// <summary>Process-wide settings that must be in place before libtorch loads.</summary>
public sealed class RuntimeSettingsTests
{
    /// <summary>
    /// The first native call of this test process may come through any class (torch.cuda from the GPU facts' attributes,
    /// a Tensor): OMP_WAIT_POLICY must still be in the C environment before libgomp loaded.
    /// </summary>
    [Fact]
    public void TheOpenMpWaitPolicyWasSetBeforeLibgompLoaded()
    {
        Assert.True(torch.omp_wait_policy_applied, "libgomp was loaded before OMP_WAIT_POLICY was set");
        var user = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");        // .NET's copy: what the process started with
        Assert.Equal(string.IsNullOrEmpty(user) ? "PASSIVE" : user, torch.omp_wait_policy);
    }
}
