namespace VqDna.Torch.Tests.Tensors;

/// <summary>
/// Tests that read process-wide state (live tensor counts, the global generator) run in this
/// collection: xunit runs it alone, after the parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}

/// <summary>Ownership: dispose scopes free what they own, handles do not leak, disposed tensors fail loudly.</summary>
[Collection(SerialCollection.Name)]
public sealed class DisposalTests
{
    /// <summary>Both counters after every unreachable tensor has been finalized.</summary>
    private static (long managed, long native) Counts()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (Tensor.LiveCount, Tensor.NativeLiveCount);
    }

    [Fact]
    public void LiveCountsReturnToStartAfterTenThousandScopedOps()
    {
        using var x = torch.ones(8, 8);
        var start = Counts();
        for (int i = 0; i < 10_000; i++)
        {
            using (torch.NewDisposeScope())
            {
                var y = x * 2.0;
                var z = y.matmul(x).relu();
                _ = z.sum(1).softmax(0);
            }
        }
        Assert.Equal(start, (Tensor.LiveCount, Tensor.NativeLiveCount)); // no GC needed: scopes freed everything
        Assert.Equal(start, Counts());
    }

    [Fact]
    public void BackwardAndGradInsideScopesLeakNoHandles()
    {
        using var w = torch.randn([4, 3], requires_grad: true);
        var start = Counts();
        for (int i = 0; i < 200; i++)
        {
            using (torch.NewDisposeScope())
            {
                var loss = torch.ones(2, 4).matmul(w).tanh().sum();
                loss.backward();
                _ = w.grad!.abs().sum();
                w.grad = null;
            }
        }
        Assert.Equal(start, Counts());
    }

    [Fact]
    public void ScopeCountsWhatItOwnsAndFreesItOnDispose()
    {
        var start = Counts();
        Tensor a, b;
        using (var scope = torch.NewDisposeScope())
        {
            a = torch.zeros(3);
            b = a + 1.0;
            Assert.Equal(2, scope.Count);
            Assert.Same(scope, DisposeScope.Current);
        }
        Assert.True(a.IsClosed, "zeros: a tensor created in a scope must be freed with it");
        Assert.True(b.IsClosed, "add: a tensor created in a scope must be freed with it");
        Assert.Equal(start, Counts());
    }

    [Fact]
    public void MoveToOuterDisposeScopeSurvivesTheInnerScopeAndDiesWithTheOuter()
    {
        var start = Counts();
        Tensor moved, inner;
        using (var outer = torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
            {
                inner = torch.ones(2);
                moved = (inner * 3.0).MoveToOuterDisposeScope();
            }
            Assert.True(inner.IsClosed, "a tensor left in the inner scope dies with it");
            Assert.False(moved.IsClosed, "MoveToOuterDisposeScope: the tensor must survive its inner scope");
            Assert.Equal(new float[] { 3, 3 }, moved.ToArray<float>());
            Assert.Equal(1, outer.Count);
        }
        Assert.True(moved.IsClosed, "MoveToOuterDisposeScope: the tensor must die with the outer scope");
        Assert.Equal(start, Counts());
    }

    [Fact]
    public void DetachFromDisposeScopeSurvivesEveryScopeUntilDisposed()
    {
        var start = Counts();
        Tensor kept;
        using (torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
                kept = torch.arange(4).DetachFromDisposeScope();
        }
        Assert.False(kept.IsClosed, "DetachFromDisposeScope: the tensor must outlive every scope");
        Assert.Equal(new long[] { 0, 1, 2, 3 }, kept.ToArray<long>());
        Assert.Equal(start.managed + 1, Tensor.LiveCount);
        Assert.Equal(start.native + 1, Tensor.NativeLiveCount);
        kept.Dispose();
        Assert.Equal(start, Counts());
    }

    [Fact]
    public void UsingADisposedTensorThrowsObjectDisposedException()
    {
        var t = torch.ones(2, 2);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.sum());                       // SafeHandle argument
        Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => torch.cat([t, t]));             // raw-handle list argument
        Assert.Equal("Tensor(disposed)", t.ToString());
        t.Dispose(); // a second Dispose is harmless
    }

    [Fact]
    public void MatmulShapeMismatchIsATorchExceptionWithLibtorchsMessage()
    {
        var start = Counts();
        using (torch.NewDisposeScope())
        {
            var e = Assert.Throws<TorchException>(() => torch.ones(2, 3).matmul(torch.ones(4, 5)));
            Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.Message);
            Assert.Equal(6f, torch.ones(2, 3).sum().item<float>()); // the process goes on
        }
        Assert.Equal(start, Counts()); // a failed op leaves no handle behind
    }

    [Fact]
    public void SoftmaxBadDimIsATorchExceptionWithLibtorchsMessage()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.ones(2, 3).softmax(5));
        Assert.Contains("Dimension out of range (expected to be in range of [-2, 1], but got 5)", e.Message);
        Assert.Equal(new float[] { 0.5f, 0.5f }, torch.ones(2).softmax(0).ToArray<float>());
    }

    [Fact]
    public void IndexSelectOutOfRangeIsATorchExceptionWithLibtorchsMessage()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(3, 2);
        var e = Assert.Throws<TorchException>(() => x.index_select(0, torch.tensor(new long[] { 0, 7 })));
        Assert.Contains("out of range", e.Message);
        Assert.Equal(new long[] { 2, 2 }, x.index_select(0, torch.tensor(new long[] { 0, 2 })).shape);
    }

    [Fact]
    public void ErrorMessagesAreThreadLocal()
    {
        // Two threads fail different ops at the same time; each must read its own op's message.
        var failures = new string?[2];
        var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            using var scope = torch.NewDisposeScope();
            var (a, b) = (torch.ones(2, 3), torch.ones(4, 5));
            start.SignalAndWait();
            for (int k = 0; k < 50 && failures[i] is null; k++)
            {
                try
                {
                    _ = i == 0 ? a.matmul(b) : a.softmax(7);
                    failures[i] = "no exception";
                }
                catch (TorchException e) when (e.Message.Contains(i == 0 ? "cannot be multiplied" : "Dimension out of range")) { }
                catch (Exception e) { failures[i] = e.Message; }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.True(failures[0] is null, $"matmul on thread 0: {failures[0]}");
        Assert.True(failures[1] is null, $"softmax on thread 1: {failures[1]}");
    }
}
