using System.Globalization;

namespace VqDna.Torch.Distributed;

/// <summary>
/// Where this process sits in a data-parallel job, as torchrun describes it in the environment
/// (<c>MASTER_ADDR</c>, <c>MASTER_PORT</c>, <c>RANK</c>, <c>WORLD_SIZE</c>, <c>LOCAL_RANK</c>,
/// <c>LOCAL_WORLD_SIZE</c>, <c>TORCHELASTIC_RESTART_COUNT</c>). <c>vqdna --nproc</c> sets the same variables.
/// </summary>
/// <param name="MasterAddress">Host of the rendezvous store (rank 0's machine, or torchrun's agent).</param>
/// <param name="MasterPort">Port of the rendezvous store.</param>
/// <param name="Rank">This process's rank in [0, WorldSize).</param>
/// <param name="WorldSize">Processes in the job, over all machines.</param>
/// <param name="LocalRank">Rank among the processes of this machine.</param>
/// <param name="LocalWorldSize">Processes on this machine (intra-op threads default to cores / this).</param>
/// <param name="RestartCount">How many times torchrun restarted the workers (0 on the first attempt).</param>
/// <param name="AgentStore">
/// True under torchrun (<c>TORCHELASTIC_USE_AGENT_STORE</c>): its agent already hosts the store, every rank
/// connects as a client under the prefix <c>/worker/attempt_N</c>, as torch.distributed's env:// rendezvous does.
/// </param>
public sealed record DistributedEnvironment(string MasterAddress, int MasterPort, int Rank, int WorldSize,
    int LocalRank, int LocalWorldSize, int RestartCount, bool AgentStore)
{
    /// <summary>The variable holding <see cref="MasterAddress"/>.</summary>
    public const string MasterAddressVariable = "MASTER_ADDR";
    /// <summary>The variable holding <see cref="MasterPort"/>.</summary>
    public const string MasterPortVariable = "MASTER_PORT";
    /// <summary>The variable holding <see cref="Rank"/>.</summary>
    public const string RankVariable = "RANK";
    /// <summary>The variable holding <see cref="WorldSize"/>; its absence means a single-process run.</summary>
    public const string WorldSizeVariable = "WORLD_SIZE";
    /// <summary>The variable holding <see cref="LocalRank"/> (defaults to the rank).</summary>
    public const string LocalRankVariable = "LOCAL_RANK";
    /// <summary>The variable holding <see cref="LocalWorldSize"/> (defaults to the world size).</summary>
    public const string LocalWorldSizeVariable = "LOCAL_WORLD_SIZE";
    /// <summary>The variable holding <see cref="RestartCount"/> (defaults to 0).</summary>
    public const string RestartCountVariable = "TORCHELASTIC_RESTART_COUNT";
    /// <summary>The variable that is "True" under torchrun's agent store (<see cref="AgentStore"/>).</summary>
    public const string AgentStoreVariable = "TORCHELASTIC_USE_AGENT_STORE";

    /// <summary>The store key prefix torch.distributed uses under torchrun's agent store; null when rank 0 hosts the store.</summary>
    public string? StorePrefix => AgentStore ? $"/worker/attempt_{RestartCount}" : null;

    /// <summary>
    /// Reads the variables; null when <c>WORLD_SIZE</c> is not set (a plain single-process run). A variable
    /// that is set but malformed, or missing beside the others, is an error naming it.
    /// </summary>
    public static DistributedEnvironment? Read(Func<string, string?>? variables = null)
    {
        variables ??= Environment.GetEnvironmentVariable;
        if (string.IsNullOrEmpty(variables(WorldSizeVariable))) return null;
        int world = Integer(variables, WorldSizeVariable, null);
        int rank = Integer(variables, RankVariable, null);
        var env = new DistributedEnvironment(
            variables(MasterAddressVariable) is { Length: > 0 } address ? address : throw Missing(MasterAddressVariable),
            Integer(variables, MasterPortVariable, null), rank, world,
            Integer(variables, LocalRankVariable, rank), Integer(variables, LocalWorldSizeVariable, world),
            Integer(variables, RestartCountVariable, 0),
            string.Equals(variables(AgentStoreVariable), "True", StringComparison.OrdinalIgnoreCase));
        return env.Validate();
    }

    /// <summary>Checks ranks, sizes, port and restart count are in range; returns this, or throws naming the variable.</summary>
    public DistributedEnvironment Validate()
    {
        if (WorldSize < 1) throw new ArgumentOutOfRangeException(WorldSizeVariable, WorldSize, "must be positive");
        if (Rank < 0 || Rank >= WorldSize) throw new ArgumentOutOfRangeException(RankVariable, Rank, $"must be in [0, {WorldSize})");
        if (LocalWorldSize < 1 || LocalWorldSize > WorldSize) throw new ArgumentOutOfRangeException(LocalWorldSizeVariable, LocalWorldSize, $"must be in [1, {WorldSize}]");
        if (LocalRank < 0 || LocalRank >= LocalWorldSize) throw new ArgumentOutOfRangeException(LocalRankVariable, LocalRank, $"must be in [0, {LocalWorldSize})");
        if (MasterPort is < 1 or > 65535) throw new ArgumentOutOfRangeException(MasterPortVariable, MasterPort, "must be a port in 1..65535");
        if (RestartCount < 0) throw new ArgumentOutOfRangeException(RestartCountVariable, RestartCount, "must be non-negative");
        return this;
    }

    /// <summary>The variables for a worker started by this process (the <c>--nproc</c> launcher).</summary>
    public IReadOnlyDictionary<string, string> ToVariables() => new Dictionary<string, string>
    {
        [MasterAddressVariable] = MasterAddress,
        [MasterPortVariable] = MasterPort.ToString(CultureInfo.InvariantCulture),
        [RankVariable] = Rank.ToString(CultureInfo.InvariantCulture),
        [WorldSizeVariable] = WorldSize.ToString(CultureInfo.InvariantCulture),
        [LocalRankVariable] = LocalRank.ToString(CultureInfo.InvariantCulture),
        [LocalWorldSizeVariable] = LocalWorldSize.ToString(CultureInfo.InvariantCulture),
        [RestartCountVariable] = RestartCount.ToString(CultureInfo.InvariantCulture),
    };

    private static int Integer(Func<string, string?> variables, string name, int? fallback)
    {
        var text = variables(name);
        if (string.IsNullOrEmpty(text)) return fallback ?? throw Missing(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"environment variable {name}='{text}' is not an integer");
    }

    private static InvalidOperationException Missing(string name) =>
        new($"environment variable {name} is not set, though {WorldSizeVariable} is (start workers with torchrun or --nproc)");
}
