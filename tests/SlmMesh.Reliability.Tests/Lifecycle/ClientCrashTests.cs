using System.Text.Json;
using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Lifecycle;

/// <summary>SPEC §5: a lock ends with its holder's death within seconds, and the peer leaves with a reason.</summary>
public sealed class ClientCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_killed_while_holding_locks_releases_them_within_two_seconds_and_leaves_as_process_exited()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        MeshClient watcher = await mesh.ConnectAsync("watcher");
        var events = new System.Collections.Concurrent.ConcurrentQueue<(MeshEvent Event, long At)>();
        var allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using IAsyncDisposable subscription = await watcher.SubscribeAsync([EventTypes.FileUnlocked, EventTypes.PeerLeft], (e, _) =>
        {
            events.Enqueue((e, Environment.TickCount64));
            if (events.Count == 3)
            {
                allSeen.TrySetResult();
            }

            return default;
        }, Ct);
        await using AgentProcess holder = AgentProcess.Start("holder", ["agent", "--home", mesh.Directory, "--name", "holder", "--launcher", "none"]);
        string holderId = (await holder.WaitForAsync("connected")).Str("peer");
        holder.Send("lock src/auth/**");
        holder.Send("lock README.md");
        await holder.WaitForAsync("locked", l => l.Str("path").EndsWith("README.md", StringComparison.Ordinal));
        Assert.Equal(2, (await watcher.QueryLocksAsync(cancellationToken: Ct)).Count);

        long killed = Environment.TickCount64;
        await holder.KillAsync();
        await allSeen.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        LockInfo mine = await watcher.AcquireLockAsync("src/auth/login.cs", cancellationToken: Ct);

        long released = events.Where(e => e.Event.Type == EventTypes.FileUnlocked).Max(e => e.At) - killed;
        TestContext.Current.TestOutputHelper?.WriteLine($"Locks released {released} ms after SIGKILL.");
        Assert.InRange(released, 0, 2000);
        MeshEvent left = Assert.Single(events, e => e.Event.Type == EventTypes.PeerLeft).Event;
        using JsonDocument data = JsonDocument.Parse(left.Data);
        Assert.Equal(holderId, data.RootElement.GetProperty("id").GetString());
        Assert.Equal(PeerLeaveReasons.ProcessExited, data.RootElement.GetProperty("reason").GetString());
        Assert.All(events.Where(e => e.Event.Type == EventTypes.FileUnlocked), e => Assert.Contains("holder_left", e.Event.Data, StringComparison.Ordinal));
        Assert.Equal(watcher.PeerId, mine.HolderId);
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }
}
