using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class CleanTests
{
    [Fact]
    public async Task Clean_prunes_and_compacts_through_the_broker()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult result = await mesh.Cli().RunAsync("clean", "--json");
        CliResult text = await mesh.Cli().RunAsync("clean");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.Json.GetProperty("staleFilesRemoved").GetArrayLength());
        Assert.True(result.Json.GetProperty("databaseBytesAfter").GetInt64() > 0);
        Assert.StartsWith("Pruned 0 messages, 0 events and 0 expired locks; database ", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_removes_the_socket_and_token_of_a_broker_that_is_gone_then_starts_one()
    {
        using var home = new TestHome();
        File.WriteAllText(home.Home.TokenPath, "stale-token");
        File.WriteAllText(home.Home.SocketPath, string.Empty);
        await using var launcher = new InProcessBrokerLauncher(home.BrokerOptions());
        var cli = new CliRunner(home.Directory) { Launcher = _ => launcher };

        CliResult result = await cli.RunAsync("clean", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [home.Home.SocketPath, home.Home.TokenPath],
            result.Json.GetProperty("staleFilesRemoved").EnumerateArray().Select(f => f.GetString()));
        Assert.NotNull(launcher.Broker);
        Assert.NotEqual("stale-token", home.Home.ReadToken());
    }
}
