using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Lifecycle;

/// <summary>
/// SPEC §4: any number of clients starting at once end with exactly one broker, all connected to it. The same
/// race with eight real processes is SlmMesh.EndToEnd.Tests' StartupTests.
/// </summary>
public sealed class StartupRaceTests
{
    private const int Starters = 8;

    [Fact]
    public async Task Eight_starters_at_once_end_with_one_broker_and_all_connected_in_every_one_of_50_trials()
    {
        // Each starter has its own launcher, as separate processes would: the election lock alone decides.
        for (int trial = 0; trial < Scale.Of(50); trial++)
        {
            string directory = InProcessMesh.NewDirectory();
            var launchers = Enumerable.Range(0, Starters).Select(_ => new InProcessBrokerLauncher(new MeshBrokerOptions { IdleShutdown = Timeout.InfiniteTimeSpan })).ToArray();
            MeshClient[] clients = [];
            try
            {
                using var go = new Barrier(Starters);
                clients = await Task.WhenAll(launchers.Select((launcher, i) => Task.Run(() =>
                {
                    go.SignalAndWait(TestContext.Current.CancellationToken);
                    return MeshClient.ConnectAsync(
                        new MeshClientOptions { Home = directory, Name = $"starter-{i}", AgentType = "dotnet", Cwd = directory, BrokerLauncher = launcher, ConnectTimeout = TimeSpan.FromSeconds(20) },
                        TestContext.Current.CancellationToken);
                })));

                Assert.Single(launchers.Select(l => l.Broker).OfType<MeshBroker>());
                BrokerStatus status = await clients[0].GetStatusAsync(TestContext.Current.CancellationToken);
                Assert.Equal(Starters, status.PeersActive);
                Assert.Equal(Starters, status.Connections);
                Assert.All(clients, c => Assert.Equal(MeshConnectionState.Connected, c.State));
                HomeFiles.AssertPrivate(directory, "mesh.db", "broker.sock", "broker.token", "broker.lock");
            }
            finally
            {
                await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
                await Task.WhenAll(launchers.Select(l => l.DisposeAsync().AsTask()));
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
