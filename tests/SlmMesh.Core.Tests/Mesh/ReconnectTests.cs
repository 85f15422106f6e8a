using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

public sealed class ReconnectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_the_broker_dies_clients_start_a_new_one_and_come_back_under_the_same_ids()
    {
        using var home = new TestHome();
        await using var launcherA = new InProcessBrokerLauncher(home.BrokerOptions());
        await using var launcherB = new InProcessBrokerLauncher(home.BrokerOptions());
        await using MeshClient a = await MeshClient.ConnectAsync(home.ClientOptions("a") with { AutoStart = true, BrokerLauncher = launcherA }, Ct);
        await using MeshClient b = await MeshClient.ConnectAsync(home.ClientOptions("b") with { AutoStart = true, BrokerLauncher = launcherB }, Ct);
        MeshBroker first = Assert.IsType<MeshBroker>(launcherA.Broker);
        Assert.Null(launcherB.Broker);
        (string aId, string bId) = (a.PeerId, b.PeerId);
        var acknowledged = await a.SendAsync("b", "before the crash", cancellationToken: Ct);
        var reconnected = new TaskCompletionSource();
        b.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == MeshConnectionState.Connected)
            {
                reconnected.TrySetResult();
            }
        };

        await first.DisposeAsync();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Whichever client won the election now hosts the broker; both are back under their ids.
        MeshBroker second = Assert.Single(new[] { launcherA.Broker, launcherB.Broker }, x => x is not null)!;
        Assert.NotSame(first, second);
        Assert.Equal((aId, bId), (a.PeerId, b.PeerId));
        MeshMessage? kept = await b.WaitForMessageAsync(TimeSpan.FromSeconds(10), cancellationToken: Ct);
        Assert.Equal(acknowledged.Id, kept?.Id);
        var after = await a.SendAsync("b", "after the crash", cancellationToken: Ct);
        Assert.Equal(after.Id, (await b.WaitForMessageAsync(TimeSpan.FromSeconds(10), cancellationToken: Ct))?.Id);
        Assert.Equal(["a", "b"], (await a.ListPeersAsync(includeSelf: true, cancellationToken: Ct)).Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Eight_clients_starting_at_once_end_with_one_broker_and_all_connected()
    {
        using var home = new TestHome();
        var launchers = Enumerable.Range(0, 8).Select(_ => new InProcessBrokerLauncher(home.BrokerOptions())).ToArray();
        try
        {
            MeshClient[] clients = await Task.WhenAll(launchers.Select((launcher, i) =>
                MeshClient.ConnectAsync(home.ClientOptions($"c{i}") with { AutoStart = true, BrokerLauncher = launcher }, Ct)));

            Assert.Single(launchers, l => l.Broker is not null);
            Assert.Equal(8, (await clients[0].ListPeersAsync(includeSelf: true, cancellationToken: Ct)).Count);
            foreach (MeshClient client in clients)
            {
                await client.DisposeAsync();
            }
        }
        finally
        {
            foreach (InProcessBrokerLauncher launcher in launchers)
            {
                await launcher.DisposeAsync();
            }
        }
    }
}
