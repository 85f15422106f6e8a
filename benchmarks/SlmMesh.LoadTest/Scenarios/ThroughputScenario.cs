namespace SlmMesh.LoadTest.Scenarios;

/// <summary>
/// Sustained durable messages per second: senders keep many sends in flight (pipelined) and only sends the
/// broker acknowledged (stored and committed) are counted. The receivers are connected and take every
/// message (acknowledging it), as agents would: the broker pushes and marks read as well as stores.
/// </summary>
internal static class ThroughputScenario
{
    public const string Name = "throughput";
    public const string Description = "sustained durable messages/s, pipelined sends, 1 sender and 8 senders (each to its own receiver)";

    /// <summary>Sends in flight per sender: 1 × 256 and 8 × 32, enough to fill the broker's batches of 512.</summary>
    public const int InFlight = 256;

    public static readonly Goal Rate = Goal.Min(100_000, "≥ 100k msg/s");

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        LoadOptions o = mesh.Options;
        foreach (int senders in new[] { 1, 8 })
        {
            PipelineResult run = await FloodAsync(mesh, senders, o.Count(20_000), o.Count(100_000), cancellationToken);
            string key = senders == 1 ? "one" : "eight";
            result.Add(key + ".messagesPerSecond", $"{senders} sender{(senders == 1 ? "" : "s")}, acknowledged messages/s", run.PerSecond, "msg/s", Rate);
            result.Add(key + ".messages", $"{senders} sender{(senders == 1 ? "" : "s")}, messages acknowledged", run.Completed, "");
        }
    }

    /// <summary>
    /// Connects <paramref name="senders"/> sender/receiver pairs, floods <paramref name="warmup"/> messages, waits
    /// until all are taken, then floods <paramref name="total"/> and measures. Returns the measured flood.
    /// </summary>
    public static async Task<PipelineResult> FloodAsync(MeshUnderTest mesh, int senders, int warmup, int total, CancellationToken cancellationToken, Action<PipelineResult>? afterDrain = null)
    {
        LoadOptions o = mesh.Options;
        MeshClient[] from = await mesh.ConnectManyAsync(senders, $"flood{senders}-s", senders, cancellationToken);
        MeshClient[] to = await mesh.ConnectManyAsync(senders, $"flood{senders}-r", senders, cancellationToken);
        var arrivals = new Arrivals(0);
        ReceiveLoop[] receivers = ReceiveLoop.StartAll(to, arrivals, cancellationToken);
        try
        {
            int window = InFlight / senders;
            Task Send(int worker)
            {
                int pair = worker % senders;
                return from[pair].SendAsync(to[pair].PeerId, Stamp.Create(-1, o.PayloadBytes), cancellationToken: cancellationToken);
            }

            PipelineResult warm = await Workloads.PipelineAsync(senders * window, Send, warmup, o.PhaseCap, cancellationToken);
            await DrainAsync(arrivals, warm.Completed, cancellationToken);
            PipelineResult run = await Workloads.PipelineAsync(senders * window, Send, total, o.PhaseCap, cancellationToken);
            await DrainAsync(arrivals, warm.Completed + run.Completed, cancellationToken);
            afterDrain?.Invoke(run);
            return run;
        }
        finally
        {
            await LatencyScenario.DisposeAllAsync(receivers);
            await mesh.CloseAsync([.. from, .. to]);
        }
    }

    private static async Task DrainAsync(Arrivals arrivals, long total, CancellationToken cancellationToken)
    {
        try
        {
            await arrivals.WhenCount(total).WaitAsync(DrainTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {arrivals.Count} of {total} messages acknowledged to their senders reached their receivers within {DrainTimeout.TotalSeconds:0} s.");
        }
    }
}
