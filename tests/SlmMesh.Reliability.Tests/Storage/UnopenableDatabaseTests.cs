using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Storage;

/// <summary>A database the broker cannot open at all: it does not start, and says why, clearly.</summary>
public sealed class UnopenableDatabaseTests
{
    [Fact]
    public async Task A_database_path_that_cannot_be_opened_fails_the_start_with_storage_error_naming_it()
    {
        string directory = InProcessMesh.NewDirectory();
        try
        {
            MeshHome home = MeshHome.Resolve(directory);
            Directory.CreateDirectory(home.DatabasePath);
            var options = new MeshBrokerOptions { Home = directory };

            var refused = await Assert.ThrowsAsync<MeshException>(() => MeshBroker.StartAsync(options, null, TestContext.Current.CancellationToken));
            Directory.Delete(home.DatabasePath);
            await using MeshBroker broker = await MeshBroker.StartAsync(options, null, TestContext.Current.CancellationToken);

            Assert.Equal(MeshErrorCode.StorageError, refused.Code);
            Assert.Contains(home.DatabasePath, refused.Message, StringComparison.Ordinal);
            Assert.NotNull(broker);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_broker_process_on_an_unwritable_database_exits_and_logs_why()
    {
        await using var home = new ProcessHome();
        Assert.SkipUnless(Privileged.CanMakeImmutable(home.Directory), "Needs root and chattr to make a file unwritable for root.");
        await using (InProcessMesh created = await InProcessMesh.StartAsync(directory: home.Directory))
        {
        }

        Privileged.Immutable(true, home.Home.DatabasePath);
        try
        {
            AgentProcess broker = home.Track(AgentProcess.Start("broker", ["broker", "--home", home.Directory]));
            Assert.Equal(1, await broker.WaitForExitAsync(AgentProcess.DefaultWait));
            AgentProcess agent = home.StartAgent("agent", "--connect-timeout-ms", "3000");
            string error = (await agent.WaitForAsync("error")).Str("message");

            Assert.Contains(File.ReadAllLines(home.Home.LogPath), l => l.Contains($"Cannot open the database {home.Home.DatabasePath}", StringComparison.Ordinal));
            Assert.Contains(home.Home.LogPath, error, StringComparison.Ordinal);
        }
        finally
        {
            Privileged.Immutable(false, home.Home.DatabasePath);
        }

        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.lock", "broker.log");
    }
}
