namespace SlmMesh.LoadTest.Scenarios;

/// <summary>
/// Send→receive latency with durable persistence: from just before <see cref="MeshClient.SendAsync"/> to the
/// moment the receiving application takes the message (<see cref="MeshClient.ReadMessagesAsync"/>), every
/// message stored and committed by the broker before it is pushed.
/// </summary>
internal static class LatencyScenario
{
    public const string Name = "latency";
    public const string Description = "send→receive, durable: 1→1 one at a time; 8 senders at once; 100 peers to random others";

    public static readonly Goal P50 = Goal.Max(50, "≤ 50 µs");
    public static readonly Goal P99 = Goal.Max(500, "≤ 500 µs");

    public static async Task RunAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        await BaselineAsync(mesh, result, cancellationToken);
        await OneToOneAsync(mesh, result, cancellationToken);
        await EightSendersAsync(mesh, result, cancellationToken);
        await HundredPeersAsync(mesh, result, cancellationToken);
    }

    /// <summary>A request through the broker's engine that stores nothing (ping): the floor under every figure here.</summary>
    private static async Task BaselineAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        LoadOptions o = mesh.Options;
        MeshClient client = await mesh.ConnectAsync("ping", cancellationToken);
        try
        {
            await Workloads.TimeEachAsync(_ => client.PingAsync(cancellationToken), o.Count(5_000), o.PhaseCap, null, cancellationToken);
            var pings = new LatencySamples(o.Count(20_000));
            await Workloads.TimeEachAsync(_ => client.PingAsync(cancellationToken), o.Count(20_000), o.PhaseCap, pings, cancellationToken);
            result.AddLatency("ping", "request round trip, nothing stored (ping)", pings.Summarize());
        }
        finally
        {
            await mesh.CloseAsync([client]);
        }
    }

    private static async Task OneToOneAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        LoadOptions o = mesh.Options;
        MeshClient[] pair = await mesh.ConnectManyAsync(2, "one-", 2, cancellationToken);
        var arrivals = new Arrivals(1);
        ReceiveLoop[] receivers = ReceiveLoop.StartAll([pair[1]], arrivals, cancellationToken);
        try
        {
            string to = pair[1].PeerId;
            await Workloads.ClosedLoopAsync(pair[0], 0, () => to, arrivals, o.Count(5_000), o.PhaseCap, o.PayloadBytes, null, cancellationToken);
            var received = new LatencySamples(o.Count(20_000));
            var acknowledged = new LatencySamples(o.Count(20_000));
            await Workloads.ClosedLoopAsync(pair[0], 0, () => to, arrivals, o.Count(20_000), o.PhaseCap, o.PayloadBytes, received, cancellationToken, acknowledged);
            result.AddLatency("one.sendReceive", "1→1 send→receive", received.Summarize(), P50, P99);
            result.AddLatency("one.sendAck", "1→1 send acknowledged (stored)", acknowledged.Summarize());
        }
        finally
        {
            await DisposeAllAsync(receivers);
            await mesh.CloseAsync(pair);
        }
    }

    private static async Task EightSendersAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        const int Senders = 8;
        LoadOptions o = mesh.Options;
        MeshClient[] senders = await mesh.ConnectManyAsync(Senders, "s8-", Senders, cancellationToken);
        MeshClient[] targets = await mesh.ConnectManyAsync(Senders, "r8-", Senders, cancellationToken);
        var arrivals = new Arrivals(Senders);
        ReceiveLoop[] receivers = ReceiveLoop.StartAll(targets, arrivals, cancellationToken);
        try
        {
            (MeshClient, Func<string>)[] loops = [.. senders.Select((s, i) => (s, (Func<string>)(() => targets[i].PeerId)))];
            await Workloads.ClosedLoopsAsync(loops, arrivals, o.Count(1_000), o.PhaseCap, o.PayloadBytes, null, cancellationToken);
            var received = new LatencySamples(Senders * o.Count(4_000));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int done = await Workloads.ClosedLoopsAsync(loops, arrivals, o.Count(4_000), o.PhaseCap, o.PayloadBytes, received, cancellationToken);
            result.AddLatency("eight.sendReceive", "8 senders at once send→receive", received.Summarize(), P50, P99);
            result.Add("eight.messagesPerSecond", "8 senders at once, messages/s", done / clock.Elapsed.TotalSeconds, "msg/s");
        }
        finally
        {
            await DisposeAllAsync(receivers);
            await mesh.CloseAsync([.. senders, .. targets]);
        }
    }

    private static async Task HundredPeersAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        const int Peers = 100;
        LoadOptions o = mesh.Options;
        MeshClient[] peers = await mesh.ConnectManyAsync(Peers, "p100-", 16, cancellationToken);
        var arrivals = new Arrivals(Peers);
        ReceiveLoop[] receivers = ReceiveLoop.StartAll(peers, arrivals, cancellationToken);
        try
        {
            // Taking turns: a random peer sends to a random other, one message in flight (latency, no queueing).
            await Workloads.RandomPairsAsync(peers, arrivals, o.Count(5_000), o.PhaseCap, o.PayloadBytes, null, 1, cancellationToken);
            var turns = new LatencySamples(o.Count(20_000));
            await Workloads.RandomPairsAsync(peers, arrivals, o.Count(20_000), o.PhaseCap, o.PayloadBytes, turns, 2, cancellationToken);
            result.AddLatency("hundred.sendReceive", "100 peers, random pairs in turn, send→receive", turns.Summarize(), P50, P99);

            // All at once: every peer sends to random others, each waiting for its own message (100 in flight).
            (MeshClient, Func<string>)[] loops = [.. peers.Select((p, i) => (p, RandomOther(peers, i)))];
            await Workloads.ClosedLoopsAsync(loops, arrivals, o.Count(50), o.PhaseCap, o.PayloadBytes, null, cancellationToken);
            var busy = new LatencySamples(Peers * o.Count(200));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int done = await Workloads.ClosedLoopsAsync(loops, arrivals, o.Count(200), o.PhaseCap, o.PayloadBytes, busy, cancellationToken);
            result.AddLatency("hundred.allAtOnce", "100 peers all sending at once (100 in flight) send→receive", busy.Summarize());
            result.Add("hundred.allAtOnce.messagesPerSecond", "100 peers all sending at once, messages/s", done / clock.Elapsed.TotalSeconds, "msg/s");
        }
        finally
        {
            await DisposeAllAsync(receivers);
            await mesh.CloseAsync(peers);
        }
    }

    private static Func<string> RandomOther(MeshClient[] peers, int self)
    {
        var random = new Random(self);
        return () => peers[(self + 1 + random.Next(peers.Length - 1)) % peers.Length].PeerId;
    }

    internal static async Task DisposeAllAsync(IEnumerable<ReceiveLoop> receivers)
    {
        foreach (ReceiveLoop receiver in receivers)
        {
            await receiver.DisposeAsync();
        }
    }
}
