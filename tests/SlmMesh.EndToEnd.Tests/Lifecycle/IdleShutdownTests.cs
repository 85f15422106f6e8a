using SlmMesh.Testing;

namespace SlmMesh.EndToEnd.Tests.Lifecycle;

/// <summary>SPEC §4: the broker exits by itself after the last peer leaves and a grace period.</summary>
public sealed class IdleShutdownTests
{
    [Fact]
    public async Task The_broker_process_exits_by_itself_after_the_grace_once_the_last_peer_leaves()
    {
        await using var home = new ProcessHome();
        AgentProcess broker = await home.StartBrokerAsync("--idle-ms", "2500");
        AgentProcess first = await home.ConnectAgentAsync("first", "--launcher", "none");
        first.Send("quit");
        await first.WaitForExitAsync(AgentProcess.DefaultWait);

        // A peer arriving within the grace keeps the broker: it exits only a grace after this one leaves.
        AgentProcess second = await home.ConnectAgentAsync("second", "--launcher", "none");
        Assert.Equal(broker.Pid, second.Lines("connected")[0].Num("brokerPid"));
        second.Send("quit");
        await second.WaitForExitAsync(AgentProcess.DefaultWait);
        long left = (await second.WaitForAsync("bye")).Num("ts");

        Assert.Equal(0, await broker.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        long exited = (await broker.WaitForAsync("exited")).Num("ts");
        TestContext.Current.TestOutputHelper?.WriteLine($"The broker exited {exited - left} ms after the last peer left (grace 2500 ms).");
        Assert.InRange(exited - left, 2000, 15_000);
        Assert.Contains(File.ReadAllLines(home.Home.LogPath), l => l.Contains("Broker stopped: idle", StringComparison.Ordinal));
        Assert.False(File.Exists(home.Home.SocketPath), "the socket is removed on exit");
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.lock", "broker.log");
    }
}
