using Microsoft.Extensions.Time.Testing;
using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>Time-driven behaviour through an injected clock: nothing here sleeps.</summary>
public sealed class ExpiryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_expired_lock_is_never_reported_as_held_and_raises_lock_expired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using MeshFixture mesh = await MeshFixture.StartAsync(o => o with { Time = clock });
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        long before = (await a.ReadEventsAsync(long.MaxValue - 1, limit: 1, cancellationToken: Ct)).LastId;
        await a.AcquireLockAsync("f.txt", ttl: TimeSpan.FromMinutes(1), cancellationToken: Ct);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(await b.QueryLocksAsync(cancellationToken: Ct));
        LockInfo mine = await b.AcquireLockAsync("f.txt", cancellationToken: Ct);
        Assert.Equal(b.PeerId, mine.HolderId);
        var expired = await a.ReadEventsAsync(before, [EventTypes.LockExpired], cancellationToken: Ct);
        Assert.Contains("f.txt", Assert.Single(expired.Events).Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_request_is_granted_when_the_lock_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using MeshFixture mesh = await MeshFixture.StartAsync(o => o with { Time = clock });
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        await a.AcquireLockAsync("f.txt", ttl: TimeSpan.FromMinutes(1), cancellationToken: Ct);
        Task<LockInfo> waiting = b.AcquireLockAsync("f.txt", wait: TimeSpan.FromMinutes(5), cancellationToken: Ct);
        await Eventually.TrueAsync(async () => (await a.GetStatusAsync(Ct)).LocksActive == 1 && !waiting.IsCompleted);

        // The broker's tick runs on the fake clock: advancing past the TTL expires the lock and grants the waiter.
        clock.Advance(TimeSpan.FromMinutes(1));

        LockInfo granted = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(b.PeerId, granted.HolderId);
    }

    [Fact]
    public async Task A_waiting_request_fails_with_locked_at_its_deadline()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using MeshFixture mesh = await MeshFixture.StartAsync(o => o with { Time = clock });
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        await a.AcquireLockAsync("f.txt", "busy", cancellationToken: Ct);
        Task<LockInfo> waiting = b.AcquireLockAsync("f.txt", wait: TimeSpan.FromSeconds(30), cancellationToken: Ct);
        await Eventually.TrueAsync(async () => { await a.PingAsync(Ct); return !waiting.IsCompleted; });

        clock.Advance(TimeSpan.FromSeconds(31));

        var refused = await Assert.ThrowsAsync<MeshException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(MeshErrorCode.Locked, refused.Code);
        Assert.Equal("busy", refused.Error?.Lock?.Reason);
    }

    [Fact]
    public async Task Read_messages_and_old_events_are_pruned_after_their_retention()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using MeshFixture mesh = await MeshFixture.StartAsync(o => o with { Time = clock, MaintenanceInterval = TimeSpan.FromMinutes(1), MessageTtl = TimeSpan.FromHours(72) });
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        await a.SendAsync("b", "read me", cancellationToken: Ct);
        await a.SendAsync("b", "still unread", cancellationToken: Ct);
        IReadOnlyList<MeshMessage> first = await b.ReadInboxAsync(limit: 1, acknowledge: true, cancellationToken: Ct);
        Assert.Single(first);

        clock.Advance(TimeSpan.FromHours(23));
        await Eventually.TrueAsync(async () => (await a.GetStatusAsync(Ct)).MessagesTotal == 2, because: "nothing is due before 24 h");
        clock.Advance(TimeSpan.FromHours(2));

        await Eventually.TrueAsync(async () => (await a.GetStatusAsync(Ct)).MessagesTotal == 1, because: "the read copy goes after 24 h");
        BrokerStatus status = await a.GetStatusAsync(Ct);
        Assert.Equal(1, status.MessagesUnread);
        clock.Advance(TimeSpan.FromHours(24));
        await Eventually.TrueAsync(async () => (await a.GetStatusAsync(Ct)).EventsTotal < status.EventsTotal, because: "events go after 48 h");
    }

    [Fact]
    public async Task The_broker_stops_after_the_idle_grace_once_the_last_connection_is_gone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using MeshFixture mesh = await MeshFixture.StartAsync(o => o with { Time = clock, IdleShutdown = TimeSpan.FromSeconds(60) });
        MeshClient a = await mesh.ConnectAsync("a");
        await a.DisposeAsync();
        await Eventually.TrueAsync(() => mesh.Broker.ConnectionCount == 0);

        clock.Advance(TimeSpan.FromSeconds(30));
        MeshClient b = await mesh.ConnectAsync("b");
        clock.Advance(TimeSpan.FromSeconds(45));
        await b.PingAsync(Ct);
        Assert.False(mesh.Broker.Completion.IsCompleted, "a new connection cancels the shutdown");

        await b.DisposeAsync();
        await Eventually.TrueAsync(() => mesh.Broker.ConnectionCount == 0);

        // Step the clock a second at a time, each step only once the engine has handled the previous tick,
        // so the engine never lags behind the clock and the stop lands right after the grace.
        DateTimeOffset idleFrom = clock.GetUtcNow();
        while (!mesh.Broker.EngineStopped.IsCompleted && clock.GetUtcNow() - idleFrom < TimeSpan.FromSeconds(120))
        {
            long ticks = mesh.Broker.TicksProcessed;
            clock.Advance(TimeSpan.FromSeconds(1));
            await Eventually.TrueAsync(() => mesh.Broker.TicksProcessed > ticks || mesh.Broker.EngineStopped.IsCompleted);
        }

        TimeSpan stoppedAfter = clock.GetUtcNow() - idleFrom;
        Assert.Equal("idle", await mesh.Broker.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.InRange(stoppedAfter, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(62));
        Assert.False(File.Exists(mesh.Home.Home.SocketPath));
    }
}
