using System.Text.Json;
using SlmMesh.Testing;

namespace SlmMesh.EndToEnd.Tests.Messaging;

/// <summary>A broker process and client processes: messages cross real process boundaries.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task A_direct_message_reaches_the_other_process()
    {
        await using var home = new ProcessHome();
        AgentProcess broker = await home.StartBrokerAsync();
        AgentProcess alice = await home.ConnectAgentAsync("alice");
        AgentProcess bob = await home.ConnectAgentAsync("bob");

        alice.Send("send bob hello from another process");
        JsonElement sent = await alice.WaitForAsync("sent");
        JsonElement received = await bob.WaitForAsync("message");

        Assert.Equal(sent.Str("id"), received.Str("id"));
        Assert.Equal("hello from another process", received.Str("payload"));
        Assert.Equal((await alice.WaitForAsync("connected")).Str("peer"), received.Str("from"));
        Assert.Equal([(await bob.WaitForAsync("connected")).Str("peer")], sent.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.All([alice, bob], a => Assert.Equal(broker.Pid, a.Lines("connected")[0].Num("brokerPid")));
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
    }

    [Fact]
    public async Task A_broadcast_reaches_every_other_process_and_not_the_sender()
    {
        await using var home = new ProcessHome();
        await home.StartBrokerAsync();
        AgentProcess alice = await home.ConnectAgentAsync("alice");
        AgentProcess bob = await home.ConnectAgentAsync("bob");
        AgentProcess carol = await home.ConnectAgentAsync("carol");

        alice.Send("broadcast release at noon");
        JsonElement sent = await alice.WaitForAsync("sent");
        JsonElement toBob = await bob.WaitForAsync("message");
        JsonElement toCarol = await carol.WaitForAsync("message");

        string[] expected = [bob.Lines("connected")[0].Str("peer"), carol.Lines("connected")[0].Str("peer")];
        Assert.Equal(expected.Order(), sent.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()!).Order());
        Assert.All([toBob, toCarol], m =>
        {
            Assert.Equal(sent.Str("id"), m.Str("id"));
            Assert.True(m.Flag("broadcast"));
        });

        // The sender's own stream stays empty: a ping answered after the broadcast proves nothing was queued before it.
        alice.Send("ping");
        await alice.WaitForAsync("pong");
        Assert.Empty(alice.Lines("message"));
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock");
    }

    [Fact]
    public async Task A_recipient_that_is_away_gets_its_messages_when_it_comes_back()
    {
        await using var home = new ProcessHome();
        await home.StartBrokerAsync("--away-ms", "30000");
        AgentProcess alice = await home.ConnectAgentAsync("alice");
        AgentProcess bob = await home.ConnectAgentAsync("bob", "--no-reconnect");
        string bobId = bob.Lines("connected")[0].Str("peer");

        bob.Send("away");
        alice.Send("wait-peer bob away");
        Assert.True((await alice.WaitForAsync("peer")).Flag("matched"));
        alice.Send("send bob first");
        alice.Send("send bob second");
        string first = (await alice.WaitForAsync("sent", s => s.Str("payload") == "first")).Str("id");
        string second = (await alice.WaitForAsync("sent", s => s.Str("payload") == "second")).Str("id");
        int mark = bob.Mark;
        bob.Send("back");

        JsonElement again = await bob.WaitForAsync("connected", from: mark);
        JsonElement m1 = await bob.WaitForAsync("message", m => m.Str("id") == first);
        JsonElement m2 = await bob.WaitForAsync("message", m => m.Str("id") == second);
        Assert.Equal(bobId, again.Str("peer"));
        Assert.Equal(["first", "second"], bob.Lines("message").Select(m => m.Str("payload")));
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock");
    }

    [Fact]
    public async Task An_unacknowledged_message_is_delivered_again_after_the_recipient_crashes_and_not_after_it_is_acknowledged()
    {
        await using var home = new ProcessHome();
        await home.StartBrokerAsync();
        AgentProcess alice = await home.ConnectAgentAsync("alice");
        AgentProcess bob = await home.ConnectAgentAsync("bob", "--manual-ack");
        string bobId = bob.Lines("connected")[0].Str("peer");

        alice.Send($"send {bobId} before the crash");
        string id = (await alice.WaitForAsync("sent")).Str("id");
        Assert.Equal(id, (await bob.WaitForAsync("message")).Str("id"));
        await bob.KillAsync();

        // The same peer in a new process: the message comes again because it was never acknowledged.
        AgentProcess bob2 = await home.ConnectAgentAsync("bob", "--manual-ack", "--peer-id", bobId);
        Assert.Equal(id, (await bob2.WaitForAsync("message")).Str("id"));
        bob2.Send("ack");
        Assert.Equal(1, (await bob2.WaitForAsync("acked")).Num("changed"));
        bob2.Send("quit");
        await bob2.WaitForExitAsync(AgentProcess.DefaultWait);

        // Acknowledged: a third incarnation sees only what is sent after.
        AgentProcess bob3 = await home.ConnectAgentAsync("bob", "--manual-ack", "--peer-id", bobId);
        alice.Send($"send {bobId} after the ack");
        JsonElement next = await bob3.WaitForAsync("message");
        Assert.Equal("after the ack", next.Str("payload"));
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock");
    }
}
