using System.Diagnostics;

namespace SlmMesh.LoadTest.Scenarios;

/// <summary>
/// 1,000 peers connected to one broker: how long connecting them takes, the broker's memory with them,
/// listing them, and send→receive between random pairs of them (one message in flight).
/// </summary>
internal static class ThousandPeersScenario
{
    public const string Name = "peers1000";
    public const string Description = "1,000 peers on one broker: connect, broker RSS, peer list, send→receive p50 among random pairs";

    public static readonly Goal P50 = Goal.Max(1000, "< 1 ms");

    private const int Peers = 1_000;

    /// <summary>With extra client processes, this many peers stay in this process and do the measured sends.</summary>
    private const int ActiveWhenSplit = 100;

    public static async Task RunAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        LoadOptions o = mesh.Options;
        int processes = o.ClientProcesses;
        int local = processes > 0 ? ActiveWhenSplit : Peers;
        var clock = Stopwatch.StartNew();
        for (int p = 0; p < processes; p++)
        {
            int share = (Peers - local) / processes + (p < (Peers - local) % processes ? 1 : 0);
            await mesh.StartClientProcessAsync(share, $"idle{p}-", cancellationToken);
        }

        MeshClient[] peers = await mesh.ConnectManyAsync(local, "k-", 16, cancellationToken);
        clock.Stop();
        result.Add("connectSeconds", $"connect and register {Peers} peers ({processes} extra client processes)", clock.Elapsed.TotalSeconds, "s");
        result.Add("rssMiB", $"broker RSS with {Peers} peers", mesh.BrokerRssKiB / 1024.0, "MiB");

        var arrivals = new Arrivals(peers.Length);
        ReceiveLoop[] receivers = ReceiveLoop.StartAll(peers, arrivals, cancellationToken);
        try
        {
            var listed = new LatencySamples(200);
            int seen = 0;
            await Workloads.TimeEachAsync(async _ => seen = (await peers[0].ListPeersAsync(cancellationToken: cancellationToken)).Count, o.Count(200), o.PhaseCap, null, cancellationToken);
            await Workloads.TimeEachAsync(async _ => seen = (await peers[0].ListPeersAsync(cancellationToken: cancellationToken)).Count, o.Count(200), o.PhaseCap, listed, cancellationToken);
            if (seen < Peers - 1)
            {
                throw new InvalidOperationException($"The peer list has {seen} other peers, not {Peers - 1}.");
            }

            result.AddLatency("list", $"list {Peers} peers", listed.Summarize());

            await Workloads.RandomPairsAsync(peers, arrivals, o.Count(2_000), o.PhaseCap, o.PayloadBytes, null, 3, cancellationToken);
            var samples = new LatencySamples(o.Count(5_000));
            await Workloads.RandomPairsAsync(peers, arrivals, o.Count(5_000), o.PhaseCap, o.PayloadBytes, samples, 4, cancellationToken);
            result.AddLatency("sendReceive", $"send→receive among {Peers} peers (random pairs{(processes > 0 ? $" of the {local} here" : "")})", samples.Summarize(), P50);
        }
        finally
        {
            await LatencyScenario.DisposeAllAsync(receivers);
        }
    }
}
