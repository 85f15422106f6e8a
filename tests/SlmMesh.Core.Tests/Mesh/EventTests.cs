using System.Threading.Channels;
using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

public sealed class EventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribers_get_matching_events_pushed_in_order()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient watcher = await mesh.ConnectAsync("watcher");
        var seen = Channel.CreateUnbounded<MeshEvent>();
        await using IAsyncDisposable subscription = await watcher.SubscribeAsync(["file_*", "peer_joined"], (e, _) => { seen.Writer.TryWrite(e); return default; }, Ct);

        MeshClient actor = await mesh.ConnectAsync("actor");
        await actor.AcquireLockAsync("x", cancellationToken: Ct);
        await actor.SetStateAsync("k", "v", cancellationToken: Ct);
        await actor.ReleaseLockAsync("x", Ct);

        MeshEvent joined = await seen.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        MeshEvent locked = await seen.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        MeshEvent unlocked = await seen.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal([EventTypes.PeerJoined, EventTypes.FileLocked, EventTypes.FileUnlocked], [joined.Type, locked.Type, unlocked.Type]);
        Assert.True(joined.Id < locked.Id && locked.Id < unlocked.Id);
        Assert.Contains("\"holderName\":\"actor\"", locked.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_after_an_id_filters_by_type_pattern()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        long start = (await a.ReadEventsAsync(long.MaxValue - 1, limit: 1, cancellationToken: Ct)).LastId;
        await a.SetStateAsync("k", "1", cancellationToken: Ct);
        await a.DeleteStateAsync("k", cancellationToken: Ct);
        await a.EmitAsync("build.finished", "{\"ok\":true}", Ct);

        var state = await a.ReadEventsAsync(start, ["state_*"], cancellationToken: Ct);
        var custom = await a.ReadEventsAsync(start, ["build.*"], cancellationToken: Ct);

        Assert.Equal([EventTypes.StateChanged, EventTypes.StateDeleted], state.Events.Select(e => e.Type));
        Assert.Equal("{\"ok\":true}", Assert.Single(custom.Events).Data);
    }

    [Fact]
    public async Task Custom_events_may_not_use_built_in_types_or_carry_non_objects()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");

        var builtIn = await Assert.ThrowsAsync<MeshException>(() => a.EmitAsync(EventTypes.PeerLeft, null, Ct));
        var notObject = await Assert.ThrowsAsync<MeshException>(() => a.EmitAsync("x", "[1,2]", Ct));

        Assert.Equal(MeshErrorCode.InvalidArgument, builtIn.Code);
        Assert.Equal(MeshErrorCode.InvalidArgument, notObject.Code);
    }
}
