using System.Text.Json;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Lifecycle;

/// <summary>SPEC §4–5: SIGKILL the broker in the middle of a flood; nothing it acknowledged is lost.</summary>
public sealed class BrokerCrashFloodTests
{
    [Fact]
    public async Task Killing_the_broker_during_a_flood_from_four_senders_loses_no_acknowledged_message()
    {
        const int Senders = 4;
        int perSender = Scale.Of(2500);
        await using var home = new ProcessHome();
        AgentProcess broker = await home.StartBrokerAsync();
        AgentProcess receiver = await home.ConnectAgentAsync("receiver");
        AgentProcess[] senders = await Task.WhenAll(Enumerable.Range(0, Senders).Select(i => home.ConnectAgentAsync($"s{i}")));
        AgentProcess[] everyone = [receiver, .. senders];
        Dictionary<AgentProcess, string> ids = everyone.ToDictionary(a => a, a => a.Lines("connected")[0].Str("peer"));

        foreach (AgentProcess sender in senders)
        {
            sender.Send($"flood receiver {perSender} 8");
        }

        await Task.WhenAll(senders.Select(s => s.WaitForAsync("sent", l => l.Num("seq") >= perSender / 4)));
        Dictionary<AgentProcess, int> marks = everyone.ToDictionary(a => a, a => a.Mark);
        long killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await broker.KillAsync();

        JsonElement[] back = await Task.WhenAll(everyone.Select(a => a.WaitForAsync("state", s => s.Str("state") == "Connected", marks[a], TimeSpan.FromSeconds(30))));
        JsonElement[] done = await Task.WhenAll(senders.Select(s => s.WaitForAsync("flood_done", timeout: TimeSpan.FromSeconds(120))));

        // Every send was acknowledged in the end (the client retried across the crash with the same message id).
        Assert.All(done, d => Assert.Equal(perSender, d.Num("ok")));
        var acknowledged = senders.SelectMany(s => s.Lines("sent")).ToDictionary(l => l.Str("id"), l => l.Str("payload"));
        Assert.Equal(Senders * perSender, acknowledged.Count);
        Assert.Equal(Senders * perSender, acknowledged.Values.Distinct().Count());

        // At least once: each acknowledged id arrives, and a repeat is recognisable by its id (the client drops it).
        await receiver.WaitForValuesAsync("message", "id", acknowledged.Keys.ToHashSet(), TimeSpan.FromSeconds(120));
        IReadOnlyList<JsonElement> received = receiver.Lines("message");
        Assert.Equal(received.Count, received.Select(m => m.Str("id")).Distinct().Count());
        Assert.All(received, m => Assert.Equal(acknowledged[m.Str("id")], m.Str("payload")));

        // Back under the same ids, on one new broker.
        Assert.All(everyone.Zip(back), pair => Assert.Equal(ids[pair.First], pair.Second.Str("peer")));
        long[] newBrokers = [.. (await Task.WhenAll(everyone.Select(a => a.WaitForAsync("reconnected", from: marks[a])))).Select(r => r.Num("brokerPid")).Distinct()];
        Assert.Single(newBrokers);
        Assert.NotEqual(broker.Pid, newBrokers[0]);
        long slowest = back.Max(b => b.Num("ts")) - killedAt;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Senders}×{perSender} messages; all {everyone.Length} clients re-registered within {slowest} ms of the SIGKILL (each: {string.Join(", ", back.Select(b => b.Num("ts") - killedAt))} ms).");
        Assert.InRange(slowest, 0, Recovery.BoundMs);
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
    }
}
