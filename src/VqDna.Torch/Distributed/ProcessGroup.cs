using System.Runtime.InteropServices;
using VqDna.Torch.Native;

namespace VqDna.Torch.Distributed;

/// <summary>
/// A group of processes training together over PyTorch's own engine: c10d's TCPStore for the rendezvous and
/// ProcessGroupGloo for the collectives (torch.distributed with backend="gloo"). Collectives block until every
/// rank took part; a peer that died or stays silent past <see cref="Timeout"/> makes them throw a
/// <see cref="TorchException"/> naming this rank, the operation and, on one machine, the lost rank.
/// </summary>
public sealed class ProcessGroup : SafeHandle
{
    /// <summary>The timeout when none is given: PyTorch's is 30 minutes; a minute turns a lost peer into an error soon.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static ProcessGroup? defaultGroup;

    private ProcessGroup(IntPtr handle, int rank, int worldSize, TimeSpan timeout, DistributedEnvironment? environment)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        (Rank, WorldSize, Timeout, Environment) = (rank, worldSize, timeout, environment);
    }

    /// <summary>This process's rank in [0, <see cref="WorldSize"/>).</summary>
    public int Rank { get; }
    /// <summary>Processes in the group.</summary>
    public int WorldSize { get; }
    /// <summary>How long a collective waits for its peers before it throws.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The torchrun description this group was created from, if any.</summary>
    public DistributedEnvironment? Environment { get; }

    /// <summary>Rank 0: the one that writes checkpoints, metrics and outputs.</summary>
    public bool IsMain => Rank == 0;

    /// <summary>True when the native handle is null.</summary>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>
    /// The job's group, like torch.distributed's default group: set by <see cref="SetDefault"/> for the
    /// duration of a command, read by the trainers. Null in a single-process run.
    /// </summary>
    public static ProcessGroup? Default => defaultGroup;

    /// <summary>Makes <paramref name="group"/> the default until the returned scope is disposed.</summary>
    public static IDisposable SetDefault(ProcessGroup group)
    {
        var previous = Interlocked.Exchange(ref defaultGroup, group);
        return new Restore(previous);
    }

    /// <summary>Joins (or, as rank 0, hosts) the group whose store listens at masterAddress:masterPort.</summary>
    public static ProcessGroup Create(string masterAddress, int masterPort, int rank, int worldSize, TimeSpan? timeout = null,
        string? storePrefix = null, DistributedEnvironment? environment = null)
    {
        var limit = timeout ?? DefaultTimeout;
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), limit, "must be positive");
        NativeMethods.Check(NativeMethods.vq_dist_init(masterAddress, masterPort, rank, worldSize, (long)limit.TotalMilliseconds, storePrefix, out IntPtr group));
        return new ProcessGroup(group, rank, worldSize, limit, environment);
    }

    /// <summary>The group torchrun (or <c>--nproc</c>) describes in the environment; null when it describes none.</summary>
    public static ProcessGroup? FromEnvironment(TimeSpan? timeout = null)
    {
        var env = DistributedEnvironment.Read();
        return env is null ? null : Create(env.MasterAddress, env.MasterPort, env.Rank, env.WorldSize, timeout, env.StorePrefix, env);
    }

    /// <summary>Sums each tensor over all ranks, in place (dist.all_reduce with ReduceOp.SUM).</summary>
    public unsafe void all_reduce(params Tensor[] tensors)
    {
        var raw = tensors.Select(t => t.Raw).ToArray();
        fixed (IntPtr* p = raw) NativeMethods.Check(NativeMethods.vq_dist_allreduce(this, p, raw.Length));
        GC.KeepAlive(tensors);
    }

    /// <summary>Copies rank <paramref name="src"/>'s tensors into every rank's, in place (dist.broadcast).</summary>
    public unsafe void broadcast(IReadOnlyList<Tensor> tensors, int src = 0)
    {
        var raw = tensors.Select(t => t.Raw).ToArray();
        fixed (IntPtr* p = raw) NativeMethods.Check(NativeMethods.vq_dist_broadcast(this, p, raw.Length, src));
        GC.KeepAlive(tensors);
    }

    /// <summary>Returns when every rank reached the barrier (dist.barrier).</summary>
    public void barrier() => NativeMethods.Check(NativeMethods.vq_dist_barrier(this));

    /// <summary>Every rank's <paramref name="tensor"/> (same shape on all), stacked: (world_size, ...).</summary>
    public Tensor all_gather(Tensor tensor) => Tensor.Adopt(NativeMethods.vq_dist_allgather(this, tensor));

    /// <summary>Rank <paramref name="src"/>'s value of a number, on every rank.</summary>
    public long broadcast(long value, int src = 0)
    {
        using var t = torch.tensor(new[] { value }, [1]);
        broadcast([t], src);
        return t.item<long>();
    }

    /// <summary>Frees the native process group.</summary>
    protected override bool ReleaseHandle()
    {
        NativeMethods.vq_dist_free(handle);
        return true;
    }

    private sealed class Restore(ProcessGroup? previous) : IDisposable
    {
        public void Dispose() => Interlocked.Exchange(ref defaultGroup, previous);
    }
}
