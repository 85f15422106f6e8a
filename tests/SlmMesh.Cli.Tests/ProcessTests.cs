using System.Text.Json;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

/// <summary>The built slm-mesh.dll as real child processes: exit codes, a detached broker, identities across runs, a hook under an agent.</summary>
public sealed class ProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_of_a_stopped_broker_exits_3()
    {
        using var home = new TestHome();

        CliResult result = await ChildCli.RunAsync(home.Directory, home.Directory, ["status"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("No broker is running", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_spawns_a_detached_broker_that_status_sees_and_stop_ends()
    {
        using var home = new TestHome();
        try
        {
            CliResult start = await ChildCli.RunAsync(home.Directory, home.Directory, ["start", "--json"]);
            CliResult status = await ChildCli.RunAsync(home.Directory, home.Directory, ["status", "--json"]);
            CliResult stop = await ChildCli.RunAsync(home.Directory, home.Directory, ["stop"]);
            CliResult after = await ChildCli.RunAsync(home.Directory, home.Directory, ["status"]);

            Assert.Equal(0, start.ExitCode);
            Assert.True(start.Json.GetProperty("started").GetBoolean());
            int pid = start.Json.GetProperty("pid").GetInt32();
            Assert.Equal(0, status.ExitCode);
            Assert.Equal(pid, status.Json.GetProperty("broker").GetProperty("pid").GetInt32());
            Assert.Equal(0, stop.ExitCode);
            Assert.Equal($"Broker stopped (pid {pid}).\n", stop.Output);
            Assert.Equal(3, after.ExitCode);
            Assert.False(File.Exists(home.Home.SocketPath));
        }
        finally
        {
            await ChildCli.RunAsync(home.Directory, home.Directory, ["stop"]);
        }
    }

    [Fact]
    public async Task A_lock_from_one_run_blocks_another_identity_until_a_later_run_of_the_first_releases_it()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        string other = Path.Combine(mesh.Home.Directory, "other");
        Directory.CreateDirectory(other);
        string file = Path.Combine(mesh.Project, "schema.sql");

        CliResult taken = await ChildCli.RunAsync(mesh.Home.Directory, mesh.Project, ["lock", "acquire", "schema.sql", "--reason", "migration"]);
        CliResult blocked = await ChildCli.RunAsync(mesh.Home.Directory, other, ["lock", "acquire", file, "--json"]);
        CliResult released = await ChildCli.RunAsync(mesh.Home.Directory, mesh.Project, ["lock", "release", "schema.sql"]);
        CliResult now = await ChildCli.RunAsync(mesh.Home.Directory, other, ["lock", "acquire", file]);

        Assert.Equal(0, taken.ExitCode);
        Assert.Equal(4, blocked.ExitCode);
        JsonElement error = blocked.Json.GetProperty("error");
        Assert.Equal("cli@project", error.GetProperty("lock").GetProperty("holderName").GetString());
        Assert.Equal("migration", error.GetProperty("lock").GetProperty("reason").GetString());
        Assert.Equal(0, released.ExitCode);
        Assert.Equal(0, now.ExitCode);
        Assert.Contains("as cli@other", now.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hook_run_by_an_agent_denies_an_edit_to_a_file_another_peer_locked()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        await codex.AcquireLockAsync(Path.Combine(mesh.Project, "src/auth/login.cs"), "rewriting the login flow", cancellationToken: Ct);
        await codex.SendAsync("claude", "hands off login.cs please", cancellationToken: Ct);

        // The hook is a child of this test process, which is claude's agent process.
        CliResult pre = await ChildCli.RunAsync(mesh.Home.Directory, mesh.Project, ["hook", "PreToolUse"], Golden.Input("claude-pre-tool-use-write", mesh.Project));
        CliResult post = await ChildCli.RunAsync(mesh.Home.Directory, mesh.Project, ["hook", "PostToolUse"], Golden.Input("claude-post-tool-use", mesh.Project));

        Assert.Equal(0, pre.ExitCode);
        Golden.AssertMatches("claude-pre-tool-use-write", pre.Output, mesh.Project);
        Assert.Equal(0, post.ExitCode);
        Assert.Contains("hands off login.cs please", post.Output, StringComparison.Ordinal);
        Assert.Empty(await claude.ReadInboxAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task A_usage_error_exits_2()
    {
        using var home = new TestHome();

        CliResult result = await ChildCli.RunAsync(home.Directory, home.Directory, ["lock", "acquire"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("slm-mesh lock acquire --help", result.Error, StringComparison.Ordinal);
    }
}
