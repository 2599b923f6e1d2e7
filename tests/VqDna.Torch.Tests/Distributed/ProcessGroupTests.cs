using VqDna.Torch.Distributed;

namespace VqDna.Torch.Tests.Distributed;

/// <summary>The c10d Gloo collectives between two ranks on loopback (one thread each, a real TCPStore and sockets).</summary>
public sealed class ProcessGroupTests
{
    [Fact]
    public void AllReduceSumsInPlaceOverRanksAndTensorsOfSeveralShapes()
    {
        var results = TwoRanks.Run(group =>
        {
            using var a = torch.full([3], group.Rank + 1.0);
            using var b = torch.full([2, 2], 10.0 * (group.Rank + 1));
            group.all_reduce(a, b);
            return (a.ToArray<float>(), b.ToArray<float>());
        });
        foreach (var (a, b) in results)
        {
            Assert.Equal([3f, 3f, 3f], a);
            Assert.Equal([30f, 30f, 30f, 30f], b);
        }
    }

    [Fact]
    public void BroadcastCopiesTheRootsTensorsAndAllGatherStacksEveryRanks()
    {
        var results = TwoRanks.Run(group =>
        {
            using var t = torch.full([4], group.Rank == 1 ? 7.0 : 0.0);
            group.broadcast([t], src: 1);
            using var mine = torch.tensor(new long[] { group.Rank, 100 + group.Rank }, [2]);
            using var gathered = group.all_gather(mine);
            group.barrier();
            return (t.ToArray<float>(), gathered.shape, gathered.ToArray<long>(), group.broadcast(group.Rank == 0 ? 42L : -1L));
        });
        foreach (var (t, shape, gathered, number) in results)
        {
            Assert.Equal([7f, 7f, 7f, 7f], t);
            Assert.Equal([2L, 2L], shape);
            Assert.Equal([0L, 100L, 1L, 101L], gathered);
            Assert.Equal(42L, number);
        }
    }

    [Fact]
    public void ABadCallNamesTheRankAndTheOperation()
    {
        var messages = TwoRanks.Run(group =>
        {
            using var t = torch.zeros([2]);
            var e = Assert.Throws<TorchException>(() => group.broadcast([t], src: 5));
            group.barrier();                                           // the group still works after a refused call
            return e.Message;
        });
        Assert.Contains("rank 0", messages[0]);
        Assert.Contains("rank 1", messages[1]);
        Assert.All(messages, m => Assert.Contains("broadcast root 5", m));
    }

    [Fact]
    public void NoPeerAtTheStoreIsAnErrorWithinTheTimeoutNamingTheAddress()
    {
        int port = TwoRanks.FreePort();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<TorchException>(() => ProcessGroup.Create("127.0.0.1", port, 1, 2, TimeSpan.FromSeconds(2)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Contains("rank 1", e.Message);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    [Fact]
    public void TheEnvironmentIsReadAsTorchrunWritesIt()
    {
        var variables = new Dictionary<string, string>
        {
            ["MASTER_ADDR"] = "10.0.0.1", ["MASTER_PORT"] = "29500", ["RANK"] = "3", ["WORLD_SIZE"] = "4",
            ["LOCAL_RANK"] = "1", ["LOCAL_WORLD_SIZE"] = "2", ["TORCHELASTIC_RESTART_COUNT"] = "1", ["TORCHELASTIC_USE_AGENT_STORE"] = "True",
        };
        var env = DistributedEnvironment.Read(name => variables.GetValueOrDefault(name))!;
        Assert.Equal(new DistributedEnvironment("10.0.0.1", 29500, 3, 4, 1, 2, 1, true), env);
        Assert.Equal("/worker/attempt_1", env.StorePrefix);
        Assert.Null(DistributedEnvironment.Read(_ => null));
        variables["RANK"] = "4";
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DistributedEnvironment.Read(name => variables.GetValueOrDefault(name)));
        Assert.Contains("RANK", e.Message);
    }
}
