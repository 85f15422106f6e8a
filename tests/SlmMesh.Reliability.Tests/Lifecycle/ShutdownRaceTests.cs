using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Reliability.Tests.Lifecycle;

/// <summary>SPEC §4: a client that reaches a broker just as it shuts down still ends connected, to a new broker.</summary>
public sealed class ShutdownRaceTests
{
    [Fact]
    public async Task A_client_whose_broker_closes_during_registration_starts_a_new_one_and_connects()
    {
        string directory = InProcessMesh.NewDirectory();
        MeshHome home = MeshHome.Resolve(directory);
        try
        {
            // A broker at the very end of its life: it completes the handshake, then closes as shutting down.
            await File.WriteAllTextAsync(home.TokenPath, "dying-broker-token", TestContext.Current.CancellationToken);
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            FrameListener? dying = null;
            dying = FrameListener.Start(
                new FrameListenerOptions { SocketPath = home.SocketPath, Token = "dying-broker-token" },
                (connection, _) =>
                {
                    connection.Close(new ErrorBody { Code = MeshErrorCode.Unavailable, Message = "The broker is shutting down." });
                    closed.TrySetResult();
                    return Task.CompletedTask;
                });
            _ = closed.Task.ContinueWith(_ => dying.DisposeAsync().AsTask(), TaskScheduler.Default);
            await using var launcher = new InProcessBrokerLauncher(new MeshBrokerOptions { IdleShutdown = Timeout.InfiniteTimeSpan });

            await using MeshClient client = await MeshClient.ConnectAsync(
                new MeshClientOptions { Home = directory, Name = "late", AgentType = "dotnet", Cwd = directory, BrokerLauncher = launcher, ConnectTimeout = TimeSpan.FromSeconds(15) },
                TestContext.Current.CancellationToken);
            await client.PingAsync(TestContext.Current.CancellationToken);

            Assert.True(closed.Task.IsCompleted, "the client should have met the dying broker first");
            Assert.NotNull(launcher.Broker);
            Assert.Equal(MeshConnectionState.Connected, client.State);
            HomeFiles.AssertPrivate(directory, "mesh.db", "broker.sock", "broker.token", "broker.lock");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
