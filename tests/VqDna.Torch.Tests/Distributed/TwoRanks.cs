using System.Net;
using System.Net.Sockets;
using VqDna.Torch.Distributed;

namespace VqDna.Torch.Tests.Distributed;

/// <summary>Runs a body as ranks 0 and 1 of a real Gloo group on 127.0.0.1, one thread each, and returns both results.</summary>
internal static class TwoRanks
{
    public static T[] Run<T>(Func<ProcessGroup, T> body, int seconds = 30)
    {
        int port = FreePort();
        var tasks = Enumerable.Range(0, 2).Select(rank => Task.Factory.StartNew(() =>
        {
            using var group = ProcessGroup.Create("127.0.0.1", port, rank, 2, TimeSpan.FromSeconds(seconds));
            return body(group);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(t => t.Result).ToArray();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
