using SlmMesh.Core.Tests.Support;
using SlmMesh.Lifecycle;

namespace SlmMesh.Core.Tests.Lifecycle;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MeshHomeTests
{
    [Fact]
    public void The_home_comes_from_the_argument_then_the_environment_then_the_user_folder()
    {
        string explicitHome = Path.Combine(Path.GetTempPath(), "explicit-home");
        Assert.Equal(explicitHome, MeshHome.Resolve(explicitHome).Directory);

        string? saved = Environment.GetEnvironmentVariable(MeshHome.HomeVariable);
        try
        {
            Environment.SetEnvironmentVariable(MeshHome.HomeVariable, "/tmp/from-env");
            Assert.Equal("/tmp/from-env", MeshHome.Resolve().Directory);
            Environment.SetEnvironmentVariable(MeshHome.HomeVariable, null);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".slm-mesh"), MeshHome.Resolve().Directory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(MeshHome.HomeVariable, saved);
        }
    }

    [Fact]
    public void A_home_is_created_private_and_a_loose_existing_one_is_tightened()
    {
        using var temp = new TestHome();
        string folder = Path.Combine(temp.Directory, "home");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));

        MeshHome.Resolve(folder).EnsureExists();

        Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), File.GetUnixFileMode(folder));
    }

    [Fact]
    public void A_socket_path_that_would_be_too_long_moves_to_a_short_private_folder_that_is_the_same_for_every_client()
    {
        using var temp = new TestHome();
        string deep = Path.Combine(temp.Directory, new string('d', 60), new string('e', 60));

        MeshHome home = MeshHome.Resolve(deep);
        home.EnsureExists();

        Assert.True(home.SocketRelocated);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(home.SocketPath) <= MeshHome.MaxSocketPathBytes);
        Assert.Equal(home.SocketPath, MeshHome.Resolve(deep).SocketPath);
        Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), File.GetUnixFileMode(Path.GetDirectoryName(home.SocketPath)!));
        Directory.Delete(Path.GetDirectoryName(home.SocketPath)!, true);
    }

    [Fact]
    public async Task A_broker_in_a_deep_home_records_where_its_socket_is_and_clients_find_it()
    {
        using var temp = new TestHome();
        string deep = Path.Combine(temp.Directory, new string('d', 60), new string('e', 60));
        await using (MeshBroker broker = await MeshBroker.StartAsync(new MeshBrokerOptions { Home = deep }, cancellationToken: TestContext.Current.CancellationToken))
        {
            await using MeshClient client = await MeshClient.ConnectAsync(new MeshClientOptions { Home = deep, AutoStart = false, AgentType = "dotnet" }, TestContext.Current.CancellationToken);

            Assert.Equal(broker.SocketPath + "\n", File.ReadAllText(broker.Home.SocketPathRecordPath));
            Assert.Equal(deep, (await client.GetStatusAsync(TestContext.Current.CancellationToken)).Home);
        }

        Directory.Delete(Path.GetDirectoryName(MeshHome.Resolve(deep).SocketPath)!, true);
    }

    [Fact]
    public async Task Every_file_of_the_home_is_private_and_the_token_is_fresh_per_start()
    {
        using var temp = new TestHome();
        string firstToken;
        await using (MeshBroker broker = await MeshBroker.StartAsync(temp.BrokerOptions(), cancellationToken: TestContext.Current.CancellationToken))
        {
            firstToken = temp.Home.ReadToken()!;
            Assert.Equal(64, firstToken.Length);
            foreach (string file in new[] { temp.Home.DatabasePath, temp.Home.TokenPath, temp.Home.LockPath, temp.Home.SocketPath })
            {
                Assert.Equal(PrivateFiles.OwnerReadWrite, File.GetUnixFileMode(file));
            }
        }

        Assert.False(File.Exists(temp.Home.TokenPath), "a stopped broker removes its token");
        await using MeshBroker again = await MeshBroker.StartAsync(temp.BrokerOptions(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(firstToken, temp.Home.ReadToken());
    }

    [Fact]
    public async Task A_second_broker_for_the_same_home_is_refused()
    {
        using var temp = new TestHome();
        await using MeshBroker first = await MeshBroker.StartAsync(temp.BrokerOptions(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(await MeshBroker.TryStartAsync(temp.BrokerOptions(), cancellationToken: TestContext.Current.CancellationToken));
        var refused = await Assert.ThrowsAsync<MeshException>(() => MeshBroker.StartAsync(temp.BrokerOptions(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(MeshErrorCode.Conflict, refused.Code);
        Assert.True(BrokerLock.IsHeld(temp.Home));
    }

    [Fact]
    public async Task Without_auto_start_a_missing_broker_is_unavailable_at_once()
    {
        using var temp = new TestHome();

        var error = await Assert.ThrowsAsync<MeshException>(() => MeshClient.ConnectAsync(temp.ClientOptions("x"), TestContext.Current.CancellationToken));

        Assert.Equal(MeshErrorCode.Unavailable, error.Code);
    }
}
