using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Load;

/// <summary>Issue 7: 200 connected peers each sending 100 messages: every one arrives, the broker's memory stays bounded, latency is reported.</summary>
public sealed class LoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_peers_sending_a_hundred_messages_each_all_arrive()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Reads the broker's memory from /proc.");
        int peers = Scale.Of(200);
        const int PerPeer = 100;
        await using var home = new ProcessHome();
        AgentProcess broker = await home.StartBrokerAsync();
        ProcessMemory idle = ProcessMemory.Of(broker.Pid);
        var clients = new MeshClient[peers];
        await Parallel.ForEachAsync(Enumerable.Range(0, peers), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
            clients[i] = await MeshClient.ConnectAsync(
                new MeshClientOptions { Home = home.Directory, Name = $"peer-{i}", AgentType = "dotnet", Cwd = home.Directory, AutoStart = false, RequestTimeout = TimeSpan.FromSeconds(60) },
                ct));
        try
        {
            ProcessMemory connected = ProcessMemory.Of(broker.Pid);
            var latencies = new ConcurrentBag<double>();
            var received = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            var sent = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            Task[] readers = [.. clients.Select(client => Task.Run(async () =>
            {
                try
                {
                    await foreach (MeshMessage message in client.ReadMessagesAsync(stop.Token))
                    {
                        long stamp = long.Parse(message.Payload.AsSpan(0, message.Payload.IndexOf(' ')), CultureInfo.InvariantCulture);
                        latencies.Add(Stopwatch.GetElapsedTime(stamp).TotalMilliseconds);
                        received.TryAdd(message.Id, 0);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }))];

            // Every peer at once, each message to a random other peer, the send time in the payload.
            long started = Stopwatch.GetTimestamp();
            await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
            {
                var random = new Random(i);
                for (int n = 0; n < PerPeer; n++)
                {
                    int to = (i + 1 + random.Next(peers - 1)) % peers;
                    string payload = $"{Stopwatch.GetTimestamp()} from peer-{i} #{n}";
                    sent.TryAdd((await client.SendAsync(clients[to].PeerId, payload, cancellationToken: Ct)).Id, 0);
                }
            })));
            double sendSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Eventually.TrueAsync(() => received.Count >= sent.Count, TimeSpan.FromSeconds(120), $"all {peers * PerPeer} messages should arrive");
            double allSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            ProcessMemory loaded = ProcessMemory.Of(broker.Pid);
            await stop.CancelAsync();
            await Task.WhenAll(readers);

            double[] sorted = [.. latencies.Order()];
            string report = string.Create(CultureInfo.InvariantCulture,
                $"{peers} peers × {PerPeer} messages = {sent.Count} in {allSeconds:0.0} s ({sent.Count / allSeconds:0} msg/s; sends done in {sendSeconds:0.0} s). " +
                $"Send→receive latency p50 {Percentile(sorted, 0.50):0.0} ms, p90 {Percentile(sorted, 0.90):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms. " +
                $"Broker: idle {idle}, {peers} connected {connected}, after the load {loaded}.");
            TestContext.Current.TestOutputHelper?.WriteLine(report);
            Assert.Equal(peers * PerPeer, sent.Count);
            Assert.Subset(received.Keys.ToHashSet(), sent.Keys.ToHashSet());
            Assert.InRange(loaded.PeakMiB, 0, 400);
            HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
        }
        finally
        {
            await Task.WhenAll(clients.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
