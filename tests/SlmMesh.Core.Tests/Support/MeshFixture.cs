namespace SlmMesh.Core.Tests.Support;

/// <summary>A running in-process broker on a test home, and helpers to connect clients to it.</summary>
public sealed class MeshFixture : IAsyncDisposable
{
    private readonly List<MeshClient> _clients = [];

    private MeshFixture(TestHome home, MeshBroker broker)
    {
        Home = home;
        Broker = broker;
    }

    public TestHome Home { get; }

    public MeshBroker Broker { get; }

    public static async Task<MeshFixture> StartAsync(Func<MeshBrokerOptions, MeshBrokerOptions>? configure = null)
    {
        var home = new TestHome();
        MeshBrokerOptions options = home.BrokerOptions();
        MeshBroker broker = await MeshBroker.StartAsync(configure?.Invoke(options) ?? options, null, TestContext.Current.CancellationToken);
        return new MeshFixture(home, broker);
    }

    public async Task<MeshClient> ConnectAsync(string name, Func<MeshClientOptions, MeshClientOptions>? configure = null)
    {
        MeshClientOptions options = Home.ClientOptions(name);
        MeshClient client = await MeshClient.ConnectAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (MeshClient client in _clients)
        {
            await client.DisposeAsync();
        }

        await Broker.DisposeAsync();
        Home.Dispose();
    }
}
