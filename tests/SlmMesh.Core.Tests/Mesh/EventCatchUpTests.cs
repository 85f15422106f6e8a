using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Core.Tests.Support;
using SlmMesh.Store;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>After a reconnect the events missed meanwhile are delivered first, so a subscriber skips none and sees none twice.</summary>
public sealed class EventCatchUpTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_recorded_while_the_broker_was_down_are_delivered_first_after_the_reconnect()
    {
        using var home = new TestHome();
        MeshBroker first = await MeshBroker.StartAsync(home.BrokerOptions(), null, Ct);
        await using MeshClient watcher = await MeshClient.ConnectAsync(home.ClientOptions("watcher"), Ct);
        var seen = Channel.CreateUnbounded<MeshEvent>();
        await using IAsyncDisposable subscription = await watcher.SubscribeAsync(["build.*"], (e, _) => { seen.Writer.TryWrite(e); return default; }, Ct);
        MeshEvent before = await watcher.EmitAsync("build.before", cancellationToken: Ct);
        Assert.Equal(before.Id, (await seen.Reader.ReadAsync(Ct).AsTask().WaitAsync(Wait, Ct)).Id);
        var reconnected = new TaskCompletionSource();
        watcher.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == MeshConnectionState.Connected)
            {
                reconnected.TrySetResult();
            }
        };

        await first.DisposeAsync();
        var missed = new List<long>();
        using (MeshStore store = MeshStore.Open(home.Home.DatabasePath, NullLogger.Instance))
        {
            // More than one page (1000) of matching events, with others between them.
            store.BeginBatch();
            for (int i = 0; i < 1600; i++)
            {
                MeshEvent recorded = store.AppendEvent(i % 4 == 0 ? "test.noise" : "build.step", null, $"{{\"n\":{i}}}", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                if (i % 4 != 0)
                {
                    missed.Add(recorded.Id);
                }
            }

            store.CommitBatch();
        }

        await using MeshBroker second = await MeshBroker.StartAsync(home.BrokerOptions(), null, Ct);
        await reconnected.Task.WaitAsync(Wait, Ct);
        MeshEvent after = await watcher.EmitAsync("build.after", cancellationToken: Ct);

        var received = new List<long>();
        while (received.Count == 0 || received[^1] < after.Id)
        {
            received.Add((await seen.Reader.ReadAsync(Ct).AsTask().WaitAsync(Wait, Ct)).Id);
        }

        Assert.Equal([.. missed, after.Id], received);
    }

    [Fact]
    public async Task Missed_events_come_before_one_pushed_on_the_new_connection_while_the_client_still_reconnects()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient watcher = await mesh.ConnectAsync("watcher");
        MeshClient emitter = await mesh.ConnectAsync("emitter");
        var seen = new ConcurrentQueue<MeshEvent>();
        using var liveSeen = new ManualResetEventSlim();
        await using IAsyncDisposable subscription = await watcher.SubscribeAsync(["tick.*"], (e, _) =>
        {
            seen.Enqueue(e);
            if (e.Type == "tick.live")
            {
                liveSeen.Set();
            }

            return default;
        }, Ct);
        var missed = new List<long>();
        Exception? failure = null;

        // State changes are raised on the client's own reconnect path, which waits for the handler: so the events
        // below happen while the connection is down, and while the new one is up but the client is still finishing.
        watcher.ConnectionStateChanged += (_, e) =>
        {
            try
            {
                if (e.State == MeshConnectionState.Reconnecting)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        missed.Add(emitter.EmitAsync("tick.missed", cancellationToken: Ct).WaitAsync(Wait, Ct).GetAwaiter().GetResult().Id);
                    }
                }
                else if (e.State == MeshConnectionState.Connected && missed.Count > 0)
                {
                    emitter.EmitAsync("tick.live", cancellationToken: Ct).WaitAsync(Wait, Ct).GetAwaiter().GetResult();
                    Assert.True(liveSeen.Wait(Wait, Ct), "the live event is handed over while the client finishes reconnecting");
                }
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        };

        watcher.AbortConnectionForTesting();
        await Eventually.TrueAsync(() => liveSeen.IsSet || failure is not null, because: "the live event arrives");

        Assert.Null(failure);
        Assert.Equal(["tick.missed", "tick.missed", "tick.missed", "tick.live"], seen.Select(e => e.Type));
        Assert.Equal(missed, seen.Take(3).Select(e => e.Id));
    }
}
