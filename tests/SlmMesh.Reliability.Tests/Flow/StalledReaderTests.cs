using System.Diagnostics;
using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Reliability.Tests.Flow;

/// <summary>A peer that stops reading costs the broker a bounded queue, slows nobody else, and is disconnected.</summary>
public sealed class StalledReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connection_that_stops_reading_holds_at_most_its_byte_limit_of_queued_frames()
    {
        string directory = InProcessMesh.NewDirectory();
        var served = new TaskCompletionSource<FrameConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new FrameListenerOptions { SocketPath = Path.Combine(directory, "s.sock"), Token = "t" };
        await using FrameListener listener = FrameListener.Start(options, async (connection, _) =>
        {
            served.TrySetResult(connection);
            await release.Task;
        });
        using SilentSocket silent = await SilentSocket.ConnectAsync(options.SocketPath, "t");
        FrameConnection server = await served.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // 64 KiB frames: a count-only bound (4096 frames) would let this one peer pin 256 MiB.
        var big = new MeshMessage { Id = "m", From = "a", FromName = "a", To = "b", Type = "text", Payload = new string('x', 64 * 1024) };
        int queued = 0;
        while (queued < 10_000 && server.TrySend(OutboundFrame.Push(MeshPushes.Message, big)))
        {
            queued++;
        }

        long bytes = queued * (64L * 1024);
        TestContext.Current.TestOutputHelper?.WriteLine($"{queued} frames ({bytes / (1024 * 1024)} MiB) were accepted before the queue refused more.");
        Assert.InRange(bytes, FrameConnectionOptions.Default.MaxOutgoingBytes / 2, FrameConnectionOptions.Default.MaxOutgoingBytes + (4 * 1024 * 1024));

        // Closing a connection whose peer neither reads nor leaves must still finish (within the close timeout).
        release.SetResult();
        server.Close(new ErrorBody { Code = MeshErrorCode.SlowConsumer, Message = "test" });
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await listener.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_broker_with_a_peer_that_never_reads_again_still_shuts_down()
    {
        var log = new RecordingLoggerFactory();
        InProcessMesh mesh = await InProcessMesh.StartAsync(o => o with { OutgoingQueueCapacity = 64 }, brokerLog: log);
        try
        {
            MeshClient alice = await mesh.ConnectAsync("alice");
            using SilentSocket stalled = await SilentSocket.ConnectAsync(mesh.Home.SocketPath, mesh.Home.ReadToken()!);
            await stalled.SendRequestAsync(1, MeshOperations.Register, new RegisterRequest { PeerId = "p_neverreads0001", Name = "stalled", Cwd = mesh.Directory });
            await Eventually.TrueAsync(async () => (await alice.ListPeersAsync(cancellationToken: Ct)).Count == 1, TimeSpan.FromSeconds(10), "the stalled peer should register");
            string padding = new('x', 32 * 1024);
            for (int i = 0; log.Entries.All(e => e.EventId != 102) && i < 5000; i++)
            {
                await alice.SendAsync("stalled", $"{i} {padding}", cancellationToken: Ct);
            }

            Assert.Contains(log.Entries, e => e.EventId == 102);
            await mesh.Broker.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct);
            Assert.Equal("disposed", await mesh.Broker.Completion);
        }
        finally
        {
            await mesh.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct);
        }
    }

    [Fact]
    public async Task A_stalled_peer_is_disconnected_others_are_not_slowed_and_it_gets_everything_when_back()
    {
        var log = new RecordingLoggerFactory();
        await using InProcessMesh mesh = await InProcessMesh.StartAsync(brokerLog: log);
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob");
        MeshClient carol = await mesh.ConnectAsync("carol");
        int drops = 0;
        foreach (MeshClient client in (MeshClient[])[alice, bob, carol])
        {
            client.ConnectionStateChanged += (_, e) => Interlocked.Add(ref drops, e.State == MeshConnectionState.Reconnecting ? 1 : 0);
        }

        using SilentSocket stalled = await SilentSocket.ConnectAsync(mesh.Home.SocketPath, mesh.Home.ReadToken()!);
        string stalledId = "p_stalled00000001";
        await stalled.SendRequestAsync(1, MeshOperations.Register, new RegisterRequest { PeerId = stalledId, Name = "stalled", Cwd = mesh.Directory });
        await Eventually.TrueAsync(async () => (await alice.ListPeersAsync(cancellationToken: Ct)).Any(p => p.Id == stalledId), TimeSpan.FromSeconds(10), "the stalled peer should register");

        // Flood the peer that never reads, while bob and carol keep talking.
        int count = Scale.Of(3000);
        string padding = new('x', 8 * 1024);
        var sent = new System.Collections.Concurrent.ConcurrentBag<string>();
        Task flood = Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (int i = worker; i < count; i += 8)
            {
                sent.Add((await alice.SendAsync(stalledId, $"{i} {padding}", cancellationToken: Ct)).Id);
            }
        })));
        var roundTrips = new List<double>();
        while (!flood.IsCompleted)
        {
            long started = Stopwatch.GetTimestamp();
            await bob.SendAsync("carol", "ping", cancellationToken: Ct);
            Assert.NotNull(await carol.WaitForMessageAsync(TimeSpan.FromSeconds(5), cancellationToken: Ct));
            roundTrips.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await flood;
        string slow = await log.WaitForAsync(102, TimeSpan.FromSeconds(10));
        List<InboundFrame> beforeClose = await stalled.DrainUntilClosedAsync(TimeSpan.FromSeconds(15));

        roundTrips.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"bob→carol during the flood: {roundTrips.Count} round trips, median {roundTrips[roundTrips.Count / 2]:0.0} ms, max {roundTrips[^1]:0.0} ms; the stalled peer had {beforeClose.Count} frames in flight.");
        Assert.Contains("stalled", slow, StringComparison.Ordinal);
        Assert.InRange(roundTrips[^1], 0, 2000);
        Assert.Equal(0, drops);
        Assert.InRange(beforeClose.Count, 1, count);

        // Back (same process, same id): every message arrives, the backlog paced by its acknowledgements.
        MeshClient back = await mesh.ConnectAsync("stalled", o => o with { PeerId = stalledId });
        var received = new HashSet<string>(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (MeshMessage message in back.ReadMessagesAsync(timeout.Token))
        {
            received.Add(message.Id);
            if (received.Count == count)
            {
                break;
            }
        }

        Assert.Equal(sent.ToHashSet(StringComparer.Ordinal), received);
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }
}
