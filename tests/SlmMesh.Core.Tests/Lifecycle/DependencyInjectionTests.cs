using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Lifecycle;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddSlmMesh_connects_when_the_host_starts_and_leaves_when_it_stops()
    {
        using var temp = new TestHome();
        await using MeshBroker broker = await MeshBroker.StartAsync(temp.BrokerOptions(), cancellationToken: TestContext.Current.CancellationToken);
        var services = new ServiceCollection();
        services.AddSlmMesh(o =>
        {
            o.Home = temp.Directory;
            o.Name = "di-agent";
            o.AgentType = "dotnet";
        }).WithInProcessBroker(b => b.IdleShutdown = TimeSpan.FromSeconds(5));
        await using ServiceProvider provider = services.BuildServiceProvider();
        IHostedService hosted = Assert.Single(provider.GetServices<IHostedService>());

        await hosted.StartAsync(TestContext.Current.CancellationToken);
        MeshClient client = await provider.GetRequiredService<IMeshClientProvider>().GetClientAsync(TestContext.Current.CancellationToken);
        await using MeshClient observer = await MeshClient.ConnectAsync(temp.ClientOptions("observer") with { Role = MeshClientRole.Observer }, TestContext.Current.CancellationToken);

        Assert.Equal("di-agent", client.Self?.Name);
        Assert.Same(client, provider.GetRequiredService<IMeshClientProvider>().Current);
        Assert.Single(await observer.ListPeersAsync(cancellationToken: TestContext.Current.CancellationToken));

        await hosted.StopAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await observer.ListPeersAsync(cancellationToken: TestContext.Current.CancellationToken));
    }
}
