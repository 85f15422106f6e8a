using System.Text.Json;
using SlmMesh.Testing;

namespace SlmMesh.EndToEnd.Tests.Lifecycle;

/// <summary>SPEC §4: no daemon to manage; any number of starters end with one broker, all connected.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task An_agent_alone_launches_a_broker_process_that_outlives_it()
    {
        await using var home = new ProcessHome();

        AgentProcess agent = await home.ConnectAgentAsync("alone");
        int brokerPid = (int)agent.Lines("connected")[0].Num("brokerPid");
        agent.Send("quit");
        await agent.WaitForExitAsync(AgentProcess.DefaultWait);

        Assert.NotEqual(agent.Pid, brokerPid);
        Assert.Equal([brokerPid], home.BrokerPids());
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
    }

    [Fact]
    public async Task Eight_simultaneous_starters_end_with_exactly_one_broker_and_all_connected()
    {
        for (int trial = 0; trial < Scale.Of(3); trial++)
        {
            await using var home = new ProcessHome();

            AgentProcess[] agents = [.. Enumerable.Range(0, 8).Select(i => home.StartAgent($"starter-{i}"))];
            JsonElement[] connected = await Task.WhenAll(agents.Select(a => a.WaitForAsync("connected", timeout: TimeSpan.FromSeconds(30))));

            long brokerPid = connected[0].Num("brokerPid");
            Assert.All(connected, c => Assert.Equal(brokerPid, c.Num("brokerPid")));
            Assert.Equal(8, connected.Select(c => c.Str("peer")).Distinct().Count());
            agents[0].Send("status");
            Assert.Equal(8, (await agents[0].WaitForAsync("status")).Num("peersActive"));

            // Launched brokers that lost the election exit by themselves; exactly one ever served.
            await Eventually.TrueAsync(() => home.BrokerPids().Count == 1, TimeSpan.FromSeconds(15), "the losing brokers should exit");
            Assert.Equal([(int)brokerPid], home.BrokerPids());
            Assert.Single(File.ReadAllLines(home.Home.LogPath), l => l.Contains("Broker started", StringComparison.Ordinal));
            HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
        }
    }
}
