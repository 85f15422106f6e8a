using System.Text.Json;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class PeersTests
{
    [Fact]
    public async Task Peers_lists_the_agents_with_their_summaries_as_a_table()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("claude", o => o with { Summary = "Refactoring auth" });
        await mesh.AgentAsync("cursor", o => o with { AgentType = "cursor", Summary = "Login page" });

        CliResult result = await mesh.Cli().RunAsync("peers");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.Contains("LAST SEEN", lines[0], StringComparison.Ordinal);
        Assert.Matches("^claude +claude-code +.*Refactoring auth +just now$", lines[1]);
        Assert.Matches("^cursor +cursor +.*Login page", lines[2]);
    }

    [Fact]
    public async Task Peers_json_has_every_field_and_iso_timestamps()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude", o => o with { Summary = "Refactoring auth" });

        CliResult result = await mesh.Cli().RunAsync("peers", "--json");

        JsonElement peer = Assert.Single(result.Json.GetProperty("peers").EnumerateArray());
        Assert.Equal("machine", result.Json.GetProperty("scope").GetString());
        Assert.Equal(claude.PeerId, peer.GetProperty("id").GetString());
        Assert.Equal("claude", peer.GetProperty("name").GetString());
        Assert.Equal("claude-code", peer.GetProperty("agentType").GetString());
        Assert.Equal(Environment.ProcessId, peer.GetProperty("agentPid").GetInt32());
        Assert.Equal(mesh.Project, peer.GetProperty("cwd").GetString());
        Assert.Equal("Refactoring auth", peer.GetProperty("summary").GetString());
        Assert.True(peer.GetProperty("connected").GetBoolean());
        Assert.True(DateTimeOffset.TryParse(peer.GetProperty("lastSeen").GetString(), out _));
    }

    [Fact]
    public async Task The_directory_scope_keeps_only_peers_in_this_folder_or_below()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        string web = Path.Combine(mesh.Project, "web");
        string elsewhere = Path.Combine(mesh.Home.Directory, "elsewhere");
        Directory.CreateDirectory(web);
        Directory.CreateDirectory(elsewhere);
        await mesh.AgentAsync("inside", o => o with { Cwd = web });
        await mesh.AgentAsync("outside", o => o with { Cwd = elsewhere });

        CliResult directory = await mesh.Cli().RunAsync("peers", "--scope", "directory", "--json");
        CliResult machine = await mesh.Cli().RunAsync("peers", "--json");

        Assert.Equal(["inside"], directory.Json.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(2, machine.Json.GetProperty("peers").GetArrayLength());
    }

    [Fact]
    public async Task No_peers_is_a_sentence_not_an_empty_table()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult result = await mesh.Cli().RunAsync("peers");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No agent is on the mesh.\n", result.Output);
    }

    [Fact]
    public async Task On_a_terminal_peers_is_a_bordered_table()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("claude", o => o with { Summary = "Refactoring auth" });

        CliResult result = await mesh.Cli(terminal: true).With("NO_COLOR", "1").RunAsync("peers");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("╭", result.Output, StringComparison.Ordinal);
        Assert.Contains("│ claude ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[3", result.Output, StringComparison.Ordinal);
    }
}
