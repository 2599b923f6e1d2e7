using VqDna.Torch.NN;

namespace VqDna.Torch.Distributed;

/// <summary>
/// Data parallelism after torch.nn.parallel.DistributedDataParallel: at construction rank 0's parameters and
/// buffers are broadcast, so every replica starts equal; after backward the gradients are averaged over the
/// ranks in buckets of about <c>bucket_cap_mb</c>, filled in reverse parameter order (the order backward
/// produces them), each bucket flattened into one all-reduce. Our binding has no autograd hooks on leaf
/// gradients, so the buckets are reduced right after backward rather than overlapping it (PyTorch starts a
/// bucket as soon as its last gradient is ready). Inside <see cref="no_sync"/> gradients only accumulate
/// locally, for gradient accumulation. The optimizer (e.g. the fused AdamW) steps on the averaged
/// gradients, so every replica takes the same step.
/// </summary>
public sealed class DistributedDataParallel
{
    private readonly ProcessGroup process_group;
    private readonly Tensor[][] buckets;
    private bool syncEnabled = true;

    /// <param name="module">The replica; its parameters and buffers are overwritten with rank 0's.</param>
    /// <param name="process_group">The ranks to average over.</param>
    /// <param name="parameters">The parameters whose gradients are averaged (default: those that require grad).</param>
    /// <param name="bucket_cap_mb">Bucket size in MiB (PyTorch's default, 25).</param>
    /// <param name="broadcast_buffers">Also broadcast the buffers at construction.</param>
    public DistributedDataParallel(Module module, ProcessGroup process_group, IEnumerable<Tensor>? parameters = null,
        double bucket_cap_mb = 25, bool broadcast_buffers = true)
    {
        if (!(bucket_cap_mb > 0)) throw new ArgumentOutOfRangeException(nameof(bucket_cap_mb), bucket_cap_mb, "must be positive");
        (Module, this.process_group) = (module, process_group);
        var trained = (parameters ?? module.Parameters().Where(p => p.requires_grad)).ToArray();
        buckets = Bucket(trained, (long)(bucket_cap_mb * 1024 * 1024));
        using var _ = torch.no_grad();
        process_group.broadcast(module.Parameters().ToList(), 0);
        if (broadcast_buffers) process_group.broadcast(module.NamedBuffers().Select(kv => kv.Value).ToList(), 0);
    }

    /// <summary>The wrapped replica (its forward is called directly: our modules have no generic forward to wrap).</summary>
    public Module Module { get; }

    /// <summary>The buckets, as parameter counts, in reduction order.</summary>
    public IReadOnlyList<int> BucketSizes => buckets.Select(b => b.Length).ToArray();

    /// <summary>Backward of <paramref name="loss"/>, then (outside <see cref="no_sync"/>) the gradient average.</summary>
    public void backward(Tensor loss)
    {
        loss.backward();
        if (syncEnabled) SynchronizeGradients();
    }

    /// <summary>Within the returned scope <see cref="backward"/> only accumulates local gradients.</summary>
    public IDisposable no_sync()
    {
        var previous = syncEnabled;
        syncEnabled = false;
        return new Restore(this, previous);
    }

    /// <summary>
    /// Averages every parameter's gradient over the ranks. A parameter that got no gradient on this rank takes
    /// part with zeros (all ranks must reduce the same buckets; PyTorch's find_unused_parameters does the same).
    /// </summary>
    public void SynchronizeGradients()
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        double scale = 1.0 / process_group.WorldSize;
        foreach (var bucket in buckets)
        {
            var grads = bucket.Select(p => p.grad ?? Materialize(p)).ToArray();
            if (grads.Length == 1 && grads[0].is_contiguous())
            {
                process_group.all_reduce(grads[0]);
                grads[0].mul_(scale);
                continue;
            }
            var flat = torch.cat(grads.Select(g => g.reshape(-1)).ToList(), 0);   // one message per bucket
            process_group.all_reduce(flat);
            flat.mul_(scale);
            long offset = 0;
            foreach (var g in grads)
            {
                long n = g.numel();
                g.copy_(flat.narrow(0, offset, n).view(g.shape));
                offset += n;
            }
        }
    }

    private static Tensor Materialize(Tensor parameter)
    {
        parameter.grad = torch.zeros_like(parameter);
        return parameter.grad!;
    }

    /// <summary>Reverse parameter order, cut whenever a bucket would exceed the cap (a larger tensor gets a bucket of its own).</summary>
    private static Tensor[][] Bucket(Tensor[] parameters, long capBytes)
    {
        var result = new List<Tensor[]>();
        var current = new List<Tensor>();
        long bytes = 0;
        for (int i = parameters.Length - 1; i >= 0; i--)
        {
            long size = parameters[i].numel() * parameters[i].element_size();
            if (current.Count > 0 && bytes + size > capBytes)
            {
                result.Add(current.ToArray());
                (current, bytes) = ([], 0);
            }
            current.Add(parameters[i]);
            bytes += size;
        }
        if (current.Count > 0) result.Add(current.ToArray());
        return result.ToArray();
    }

    private sealed class Restore(DistributedDataParallel owner, bool previous) : IDisposable
    {
        public void Dispose() => owner.syncEnabled = previous;
    }
}
