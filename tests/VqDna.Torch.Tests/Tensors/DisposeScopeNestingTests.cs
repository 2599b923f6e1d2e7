namespace VqDna.Torch.Tests.Tensors;

[Collection("serial")]
public sealed class DisposeScopeNestingTests
{
    [Fact]
    public void DisposingOuterScopeFirstClosesTheInnerOneAndFreesItsTensors()
    {
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        var t = torch.ones(3);
        outer.Dispose();
        Assert.True(t.IsClosed, "a tensor of the inner scope must be freed when the outer scope closes");
        Assert.Null(DisposeScope.Current);
        inner.Dispose(); // already closed: a no-op
        using var after = torch.ones(2);
        Assert.Null(after.Owner);
    }

    [Fact]
    public void ScopeDisposedOnAnotherThreadDoesNotKeepAdopting()
    {
        var scope = torch.NewDisposeScope();
        var other = new Thread(scope.Dispose);
        other.Start();
        other.Join();
        using var t = torch.ones(2);
        Assert.Null(t.Owner);
        Assert.Null(DisposeScope.Current);
    }
}
