using System.Text.Json;
using SlmMesh.Testing;

namespace SlmMesh.EndToEnd.Tests.Lifecycle;

/// <summary>SPEC §4: a broker killed with SIGKILL loses nothing it acknowledged; clients come back under their ids.</summary>
public sealed class BrokerCrashTests
{
    [Fact]
    public async Task A_broker_killed_during_a_flood_loses_no_acknowledged_message_and_clients_reregister_within_a_second()
    {
        await using var home = new ProcessHome();
        AgentProcess broker = await home.StartBrokerAsync();
        AgentProcess sender = await home.ConnectAgentAsync("sender");
        AgentProcess receiver = await home.ConnectAgentAsync("receiver");
        string senderId = sender.Lines("connected")[0].Str("peer");
        string receiverId = receiver.Lines("connected")[0].Str("peer");
        int count = Scale.Of(2000);

        sender.Send($"flood receiver {count} 8");
        await sender.WaitForAsync("sent", s => s.Num("seq") >= count / 4);
        int senderMark = sender.Mark;
        int receiverMark = receiver.Mark;
        long killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await broker.KillAsync();

        JsonElement senderBack = await sender.WaitForAsync("state", s => s.Str("state") == "Connected", senderMark);
        JsonElement receiverBack = await receiver.WaitForAsync("state", s => s.Str("state") == "Connected", receiverMark);
        JsonElement done = await sender.WaitForAsync("flood_done", timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(count, done.Num("ok"));
        Assert.Equal(senderId, senderBack.Str("peer"));
        Assert.Equal(receiverId, receiverBack.Str("peer"));
        long newBroker = (await receiver.WaitForAsync("reconnected", from: receiverMark)).Num("brokerPid");
        Assert.NotEqual(broker.Pid, newBroker);

        // Every acknowledged send arrives (at least once: the receiver drops repeats by id).
        HashSet<string> acknowledged = [.. sender.Lines("sent").Select(s => s.Str("id"))];
        Assert.Equal(count, acknowledged.Count);
        await receiver.WaitForValuesAsync("message", "id", acknowledged, TimeSpan.FromSeconds(30));

        // SPEC §4 asks for a second. The new broker is a JIT-compiled process starting on a loaded 2-core CI
        // machine (with coverage instrumentation), so CI checks a looser bound and the figure is printed;
        // eng/soak.sh runs this with SLM_MESH_RECOVERY_BOUND_MS=1000 (see docs/RELIABILITY.md).
        long back = Math.Max(senderBack.Num("ts"), receiverBack.Num("ts")) - killedAt;
        TestContext.Current.TestOutputHelper?.WriteLine($"Clients re-registered {back} ms after the broker was killed.");
        Assert.InRange(back, 0, Recovery.BoundMs);
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
    }
}
