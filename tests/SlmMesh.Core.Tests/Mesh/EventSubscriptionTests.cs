using System.Collections.Concurrent;
using System.Threading.Channels;
using SlmMesh.Core.Tests.Support;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>Several subscriptions on one client: each gets its own types, and one's handler or end never costs another an event.</summary>
public sealed class EventSubscriptionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_subscription_gets_only_the_types_it_asked_for_in_the_order_they_happened()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient watcher = await mesh.ConnectAsync("watcher");
        MeshClient actor = await mesh.ConnectAsync("actor");
        var files = Channel.CreateUnbounded<MeshEvent>();
        var builds = Channel.CreateUnbounded<MeshEvent>();
        var everything = Channel.CreateUnbounded<MeshEvent>();
        await using IAsyncDisposable a = await watcher.SubscribeAsync(["file_*"], Record(files), Ct);
        await using IAsyncDisposable b = await watcher.SubscribeAsync(["build.*"], Record(builds), Ct);
        await using IAsyncDisposable c = await watcher.SubscribeAsync(null, Record(everything), Ct);

        await actor.AcquireLockAsync("x", cancellationToken: Ct);
        await actor.EmitAsync("build.done", cancellationToken: Ct);
        await actor.ReleaseLockAsync("x", Ct);
        MeshEvent last = await actor.EmitAsync("test.end", cancellationToken: Ct);

        List<MeshEvent> all = await ReadUntilAsync(everything, last.Id);
        Assert.Equal([EventTypes.FileLocked, "build.done", EventTypes.FileUnlocked, "test.end"], all.Select(e => e.Type));
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id));
        Assert.Equal([EventTypes.FileLocked, EventTypes.FileUnlocked], Drain(files).Select(e => e.Type));
        Assert.Equal(["build.done"], Drain(builds).Select(e => e.Type));
    }

    [Fact]
    public async Task A_handler_that_throws_does_not_stop_later_events_or_the_other_handlers()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient watcher = await mesh.ConnectAsync("watcher");
        int thrown = 0;
        var seen = Channel.CreateUnbounded<MeshEvent>();
        await using IAsyncDisposable failing = await watcher.SubscribeAsync(["build.*"], (_, _) =>
        {
            Interlocked.Increment(ref thrown);
            throw new InvalidOperationException("handler bug");
        }, Ct);
        await using IAsyncDisposable working = await watcher.SubscribeAsync(["build.*"], Record(seen), Ct);

        await watcher.EmitAsync("build.started", cancellationToken: Ct);
        MeshEvent last = await watcher.EmitAsync("build.finished", cancellationToken: Ct);

        Assert.Equal(["build.started", "build.finished"], (await ReadUntilAsync(seen, last.Id)).Select(e => e.Type));
        Assert.Equal(2, Volatile.Read(ref thrown));
    }

    [Fact]
    public async Task A_subscription_that_could_not_subscribe_leaves_no_handler_behind()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient watcher = await mesh.ConnectAsync("watcher");
        int called = 0;
        var seen = Channel.CreateUnbounded<MeshEvent>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            watcher.SubscribeAsync(null, (_, _) => { Interlocked.Increment(ref called); return default; }, new CancellationToken(canceled: true)));
        await using IAsyncDisposable working = await watcher.SubscribeAsync(null, Record(seen), Ct);
        MeshEvent emitted = await watcher.EmitAsync("build.done", cancellationToken: Ct);

        Assert.Equal(emitted.Id, (await ReadUntilAsync(seen, emitted.Id)).Single().Id);
        Assert.Equal(0, Volatile.Read(ref called));
    }

    [Fact]
    public async Task Ending_one_subscription_stops_its_handler_and_costs_the_others_no_event()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient watcher = await mesh.ConnectAsync("watcher");
        MeshClient emitter = await mesh.ConnectAsync("emitter");
        var kept = new ConcurrentQueue<long>();
        await using IAsyncDisposable subscription = await watcher.SubscribeAsync(["tick.*"], (e, _) => { kept.Enqueue(e.Id); return default; }, Ct);
        long start = (await emitter.ReadEventsAsync(long.MaxValue - 1, limit: 1, cancellationToken: Ct)).LastId;

        // Subscriptions come and go while events keep happening: none may fall between the broker's old and new filter.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Task emitting = Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await emitter.EmitAsync("tick.beat", cancellationToken: Ct);
                }
            },
            Ct);
        for (int i = 0; i < 30; i++)
        {
            IEnumerable<string>? types = i % 2 == 0 ? ["other"] : null;
            IAsyncDisposable passing = await watcher.SubscribeAsync(types, (_, _) => default, Ct);
            await passing.DisposeAsync();
        }

        var endedGot = new ConcurrentQueue<long>();
        IAsyncDisposable ended = await watcher.SubscribeAsync(["tick.*"], (e, _) => { endedGot.Enqueue(e.Id); return default; }, Ct);
        await ended.DisposeAsync();
        await stop.CancelAsync();
        await emitting.WaitAsync(Wait, Ct);
        MeshEvent last = await emitter.EmitAsync("tick.last", cancellationToken: Ct);

        await Eventually.TrueAsync(() => kept.Contains(last.Id), because: "the kept subscription gets the last event");
        List<long> all = await TickIdsAfterAsync(emitter, start);
        Assert.Equal(all, kept);
        Assert.DoesNotContain(last.Id, endedGot);
    }

    private static Func<MeshEvent, CancellationToken, ValueTask> Record(Channel<MeshEvent> into) =>
        (e, _) =>
        {
            into.Writer.TryWrite(e);
            return default;
        };

    private static async Task<List<MeshEvent>> ReadUntilAsync(Channel<MeshEvent> channel, long lastId)
    {
        var events = new List<MeshEvent>();
        while (events.Count == 0 || events[^1].Id < lastId)
        {
            events.Add(await channel.Reader.ReadAsync(Ct).AsTask().WaitAsync(Wait, Ct));
        }

        return events;
    }

    private static List<MeshEvent> Drain(Channel<MeshEvent> channel)
    {
        var events = new List<MeshEvent>();
        while (channel.Reader.TryRead(out MeshEvent? e))
        {
            events.Add(e);
        }

        return events;
    }

    private static async Task<List<long>> TickIdsAfterAsync(MeshClient client, long after)
    {
        var ids = new List<long>();
        while (true)
        {
            EventListResponse page = await client.ReadEventsAsync(after, ["tick.*"], 1000, Ct);
            ids.AddRange(page.Events.Select(e => e.Id));
            if (page.Events.Count < 1000)
            {
                return ids;
            }

            after = page.Events[^1].Id;
        }
    }
}
