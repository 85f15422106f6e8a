using Microsoft.Extensions.Time.Testing;
using SlmMesh.Core.Tests.Support;
using SQLitePCL;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>
/// When no write transaction can even start, the broker answers each request with storage_error without running
/// it, keeps connections' comings and goings in memory, and catches up once writes work again.
/// </summary>
public sealed class RefusedBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_peer_that_disconnects_while_no_write_can_start_leaves_once_writes_work_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using MeshFixture mesh = await MeshFixture.StartAsync(o => o with { Time = clock });
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob");
        string bobId = bob.PeerId;
        long before = (await alice.ReadEventsAsync(long.MaxValue - 1, limit: 1, cancellationToken: Ct)).LastId;

        await SetQueryOnlyAsync(mesh, true);
        MeshException refused = await Assert.ThrowsAsync<MeshException>(() => alice.SetStateAsync("k", "v", cancellationToken: Ct));
        await bob.DisposeAsync(); // its goodbye is refused as well; the connection closes anyway
        await Eventually.TrueAsync(() => mesh.Broker.ConnectionCount == 1, because: "bob's connection closes");
        clock.Advance(mesh.Home.BrokerOptions().TickInterval); // a tick while nothing can be written
        await SetQueryOnlyAsync(mesh, false); // queued behind bob's close and the tick: both were handled during the fault

        Assert.Equal(MeshErrorCode.StorageError, refused.Code);
        await alice.SetStateAsync("k", "v", cancellationToken: Ct);
        clock.Advance(mesh.Home.BrokerOptions().AwayGrace + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(
            async () => (await alice.ReadEventsAsync(before, [EventTypes.PeerLeft], cancellationToken: Ct)).Events.Count > 0,
            because: "bob leaves on a tick after his grace");
        MeshEvent left = Assert.Single((await alice.ReadEventsAsync(before, [EventTypes.PeerLeft], cancellationToken: Ct)).Events);
        Assert.Equal(bobId, left.PeerId);
        Assert.Contains("\"reason\":\"disconnected\"", left.Data, StringComparison.Ordinal);
        Assert.DoesNotContain(await alice.ListPeersAsync(cancellationToken: Ct), p => p.Id == bobId);
    }

    [Fact]
    public async Task A_registration_while_no_write_can_start_is_refused_and_works_once_writes_do()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");

        await SetQueryOnlyAsync(mesh, true);
        MeshException refused = await Assert.ThrowsAsync<MeshException>(() => mesh.ConnectAsync("carol").WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await SetQueryOnlyAsync(mesh, false);
        MeshClient carol = await mesh.ConnectAsync("carol");

        Assert.Equal(MeshErrorCode.StorageError, refused.Code);
        Assert.Equal(["alice", "carol"], (await alice.ListPeersAsync(includeSelf: true, cancellationToken: Ct)).Select(p => p.Name).Order());
        await carol.SendAsync("alice", "hello", cancellationToken: Ct);
        Assert.Equal("hello", (await alice.WaitForMessageAsync(TimeSpan.FromSeconds(10), cancellationToken: Ct))?.Payload);
    }

    [Fact]
    public async Task A_broker_whose_last_connection_closed_while_no_write_could_start_still_stops_when_idle()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using MeshFixture mesh = await MeshFixture.StartAsync(o => o with { Time = clock, IdleShutdown = TimeSpan.FromSeconds(60) });
        MeshClient alice = await mesh.ConnectAsync("alice");

        await SetQueryOnlyAsync(mesh, true);
        await alice.DisposeAsync();
        await Eventually.TrueAsync(() => mesh.Broker.ConnectionCount == 0, because: "alice's connection closes");
        await SetQueryOnlyAsync(mesh, false);

        // Step the clock only once the engine has handled the previous tick (see ExpiryTests).
        DateTimeOffset idleFrom = clock.GetUtcNow();
        while (!mesh.Broker.EngineStopped.IsCompleted && clock.GetUtcNow() - idleFrom < TimeSpan.FromSeconds(120))
        {
            long ticks = mesh.Broker.TicksProcessed;
            clock.Advance(TimeSpan.FromSeconds(5));
            await Eventually.TrueAsync(() => mesh.Broker.TicksProcessed > ticks || mesh.Broker.EngineStopped.IsCompleted);
        }

        Assert.Equal("idle", await mesh.Broker.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    /// <summary>
    /// With <c>query_only</c> on, the engine's <c>BEGIN IMMEDIATE</c> fails (SQLITE_READONLY) before any request runs.
    /// Runs on the engine's thread, in order with the connections' commands.
    /// </summary>
    private static Task SetQueryOnlyAsync(MeshFixture mesh, bool on) =>
        mesh.Broker.InvokeOnEngineForTestingAsync(store =>
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(store.ConnectionForTesting.Handle!, $"PRAGMA query_only = {(on ? 1 : 0)}")));
}
