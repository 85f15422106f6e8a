using System.Diagnostics;

namespace SlmMesh.LoadTest;

/// <summary>The loops the scenarios are made of. Each is bounded by a count and a time cap; each wait has a timeout.</summary>
internal static class Workloads
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// One sender, one message in flight: send, wait until a receiver has taken it, repeat. Records each
    /// send→receive time in <paramref name="samples"/> (when given). Returns how many were done.
    /// </summary>
    public static async Task<int> ClosedLoopAsync(
        MeshClient sender,
        int index,
        Func<string> target,
        Arrivals arrivals,
        int iterations,
        TimeSpan cap,
        int payloadBytes,
        LatencySamples? samples,
        CancellationToken cancellationToken,
        LatencySamples? acknowledged = null)
    {
        long deadline = Environment.TickCount64 + (long)cap.TotalMilliseconds;
        int done = 0;
        for (; done < iterations && Environment.TickCount64 < deadline; done++)
        {
            await SendAndWaitAsync(sender, index, target(), arrivals, payloadBytes, samples, acknowledged, cancellationToken);
        }

        return done;
    }

    /// <summary>
    /// Closed loop over random pairs: each time a random peer sends to a random other one and waits until it
    /// arrives; one message in flight in the whole mesh. <paramref name="peers"/>[i] uses slot i.
    /// </summary>
    public static async Task<int> RandomPairsAsync(
        IReadOnlyList<MeshClient> peers, Arrivals arrivals, int iterations, TimeSpan cap, int payloadBytes, LatencySamples? samples, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        long deadline = Environment.TickCount64 + (long)cap.TotalMilliseconds;
        int done = 0;
        for (; done < iterations && Environment.TickCount64 < deadline; done++)
        {
            int from = random.Next(peers.Count);
            int to = (from + 1 + random.Next(peers.Count - 1)) % peers.Count;
            await SendAndWaitAsync(peers[from], from, peers[to].PeerId, arrivals, payloadBytes, samples, null, cancellationToken);
        }

        return done;
    }

    private static async Task SendAndWaitAsync(
        MeshClient sender, int index, string target, Arrivals arrivals, int payloadBytes, LatencySamples? samples, LatencySamples? acknowledged, CancellationToken cancellationToken)
    {
        SenderSlot slot = arrivals[index];
        long start = Stopwatch.GetTimestamp();
        await sender.SendAsync(target, Stamp.Create(index, payloadBytes), cancellationToken: cancellationToken);
        acknowledged?.Add(Stopwatch.GetTimestamp() - start);
        if (!await slot.Arrived.WaitAsync(ArrivalTimeout, cancellationToken))
        {
            throw new TimeoutException($"Sender {index}: a message sent was not received within {ArrivalTimeout.TotalSeconds:0} s.");
        }

        samples?.Add(slot.LatencyTicks);
    }

    /// <summary>Several closed-loop senders at once (<paramref name="senders"/>[i] uses slot i). Returns the messages done.</summary>
    public static async Task<int> ClosedLoopsAsync(
        IReadOnlyList<(MeshClient Client, Func<string> Target)> senders, Arrivals arrivals, int iterationsEach, TimeSpan cap, int payloadBytes, LatencySamples? samples, CancellationToken cancellationToken)
    {
        Task<int>[] loops = new Task<int>[senders.Count];
        for (int i = 0; i < senders.Count; i++)
        {
            (MeshClient client, Func<string> target) = senders[i];
            int index = i;
            loops[i] = Task.Run(() => ClosedLoopAsync(client, index, target, arrivals, iterationsEach, cap, payloadBytes, samples, cancellationToken), cancellationToken);
        }

        return (await Task.WhenAll(loops)).Sum();
    }

    /// <summary>
    /// <paramref name="workers"/> loops at once, each running <paramref name="operation"/>(worker) until
    /// <paramref name="total"/> operations were started or the cap is reached. Counts only the operations that
    /// completed (a failure ends the run with its exception).
    /// </summary>
    public static async Task<PipelineResult> PipelineAsync(int workers, Func<int, Task> operation, int total, TimeSpan cap, CancellationToken cancellationToken)
    {
        long started = 0;
        long completed = 0;
        long deadline = Environment.TickCount64 + (long)cap.TotalMilliseconds;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync(int worker)
        {
            while (Interlocked.Increment(ref started) <= total && Environment.TickCount64 < deadline)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await operation(worker);
                Interlocked.Increment(ref completed);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(w), cancellationToken)));
        return new PipelineResult(Interlocked.Read(ref completed), clock.Elapsed);
    }

    /// <summary>Runs <paramref name="operation"/> one at a time and records how long each took.</summary>
    public static async Task TimeEachAsync(Func<int, Task> operation, int iterations, TimeSpan cap, LatencySamples? samples, CancellationToken cancellationToken)
    {
        long deadline = Environment.TickCount64 + (long)cap.TotalMilliseconds;
        for (int i = 0; i < iterations && Environment.TickCount64 < deadline; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            await operation(i);
            samples?.Add(Stopwatch.GetTimestamp() - start);
        }
    }
}
