using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class StateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Set_get_list_and_delete_round_trip()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        CliRunner cli = mesh.Cli();

        CliResult set = await cli.RunAsync("state", "set", "api/version", "v2", "-n", "contracts");
        CliResult get = await cli.RunAsync("state", "get", "api/version", "--namespace", "contracts");
        CliResult list = await cli.RunAsync("state", "list");
        CliResult deleted = await cli.RunAsync("state", "delete", "api/version", "-n", "contracts", "--json");
        CliResult gone = await cli.RunAsync("state", "get", "api/version", "-n", "contracts");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("contracts/api/version = v2 (version 1)\n", set.Output);
        Assert.Equal("v2\n", get.Output);
        Assert.Matches("(?m)^contracts +api/version +v2 +1 +just now$", list.Output);
        Assert.Equal(0, deleted.ExitCode);
        Assert.True(deleted.Json.GetProperty("deleted").GetBoolean());
        Assert.Equal(2, deleted.Json.GetProperty("version").GetInt64());
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("No key 'api/version' in namespace 'contracts'", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_json_shows_version_and_writer_and_an_agent_sees_the_value()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient agent = await mesh.AgentAsync("claude");
        await mesh.Cli().RunWithInputAsync("multi\nline\n", "state", "set", "notes", "-");

        CliResult get = await mesh.Cli().RunAsync("state", "get", "notes", "--json");

        Assert.Equal("multi\nline", get.Json.GetProperty("value").GetString());
        Assert.Equal("default", get.Json.GetProperty("namespace").GetString());
        Assert.StartsWith("cli-", get.Json.GetProperty("updatedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal("multi\nline", (await agent.GetStateAsync("notes", cancellationToken: Ct))?.Value);
    }

    [Fact]
    public async Task A_lost_compare_and_swap_exits_4_with_the_current_version()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.Cli().RunAsync("state", "set", "k", "one");

        CliResult create = await mesh.Cli().RunAsync("state", "set", "k", "two", "--expected-version", "0", "--json");
        CliResult update = await mesh.Cli().RunAsync("state", "set", "k", "two", "--expected-version", "1");

        Assert.Equal(4, create.ExitCode);
        Assert.Equal(MeshErrorCode.Conflict, create.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, create.Json.GetProperty("error").GetProperty("currentVersion").GetInt64());
        Assert.Equal(0, update.ExitCode);
        Assert.Contains("(version 2)", update.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_missing_key_exits_1_and_an_empty_state_says_so()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult deleted = await mesh.Cli().RunAsync("state", "delete", "nothing");
        CliResult list = await mesh.Cli().RunAsync("state", "list", "--json");
        CliResult text = await mesh.Cli().RunAsync("state", "list");

        Assert.Equal(1, deleted.ExitCode);
        Assert.Equal(0, list.Json.GetProperty("entries").GetArrayLength());
        Assert.Equal("No shared state.\n", text.Output);
    }
}
