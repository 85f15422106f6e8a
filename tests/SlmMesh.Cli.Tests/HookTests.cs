using System.Diagnostics;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

/// <summary>The hook's answers, for each event, against golden JSON; and its promise never to break the agent.</summary>
public sealed class HookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostToolUse_hands_the_agent_its_new_messages_as_context_once()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        MeshClient cursor = await mesh.OtherAgentAsync("cursor", "cursor");
        await codex.SendAsync("claude", "Please review src/auth/login.cs when you are done.", cancellationToken: Ct);
        await cursor.BroadcastAsync("Schema changed: run the migrations.", MessageTypes.Alert, Ct);
        string input = Golden.Input("claude-post-tool-use", mesh.Project);

        CliResult first = await mesh.Cli().RunWithInputAsync(input, "hook", "PostToolUse");
        CliResult second = await mesh.Cli().RunWithInputAsync(input, "hook", "PostToolUse");

        Assert.Equal(0, first.ExitCode);
        Golden.AssertMatches("claude-post-tool-use", first.Output, mesh.Project);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(string.Empty, second.Output);
        Assert.Empty(await claude.ReadInboxAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task UserPromptSubmit_delivers_a_reply_with_its_reference()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        var question = await claude.SendAsync("codex", "May I take login.cs?", cancellationToken: Ct);
        await codex.SendAsync("claude", "Yes, take it.", replyTo: question.Id, cancellationToken: Ct);

        CliResult result = await mesh.Cli().RunWithInputAsync(Golden.Input("claude-user-prompt-submit", mesh.Project), "hook", "UserPromptSubmit");

        Golden.AssertMatches("claude-user-prompt-submit", result.Output, mesh.Project);
    }

    [Fact]
    public async Task SessionStart_delivers_what_arrived_while_the_agent_was_away()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        await codex.SendAsync("claude", "run the tests", MessageTypes.Command, cancellationToken: Ct);

        CliResult result = await mesh.Cli().RunWithInputAsync(Golden.Input("claude-session-start", mesh.Project), "hook", "SessionStart");

        Golden.AssertMatches("claude-session-start", result.Output, mesh.Project);
    }

    [Fact]
    public async Task PreToolUse_denies_a_write_to_a_file_another_peer_has_locked()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        await codex.AcquireLockAsync(Path.Combine(mesh.Project, "src/auth/login.cs"), "rewriting the login flow", cancellationToken: Ct);

        CliResult result = await mesh.Cli().RunWithInputAsync(Golden.Input("claude-pre-tool-use-write", mesh.Project), "hook", "PreToolUse");

        Assert.Equal(0, result.ExitCode);
        Golden.AssertMatches("claude-pre-tool-use-write", result.Output, mesh.Project);
    }

    [Fact]
    public async Task PreToolUse_reads_codex_apply_patch_paths_relative_to_its_cwd()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("codex", o => o with { AgentType = "codex" });
        MeshClient claude = await mesh.OtherAgentAsync("claude", "claude-code");
        await claude.AcquireLockAsync(Path.Combine(mesh.Project, "src/auth/**"), "refactoring auth", cancellationToken: Ct);

        CliResult result = await mesh.Cli().RunWithInputAsync(Golden.Input("codex-pre-tool-use-apply-patch", mesh.Project), "hook", "PreToolUse");

        Golden.AssertMatches("codex-pre-tool-use-apply-patch", result.Output, mesh.Project);
    }

    [Fact]
    public async Task PreToolUse_allows_an_edit_under_the_agents_own_lock_and_tools_that_edit_nothing()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        await claude.AcquireLockAsync(Path.Combine(mesh.Project, "src/auth/login.cs"), "mine", cancellationToken: Ct);
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        await codex.AcquireLockAsync(Path.Combine(mesh.Project, "README.md"), "theirs", cancellationToken: Ct);
        string bash = $$$"""{"hook_event_name":"PreToolUse","cwd":"{{{mesh.Project}}}","tool_name":"Bash","tool_input":{"command":"echo > README.md"}}""";

        CliResult own = await mesh.Cli().RunWithInputAsync(Golden.Input("claude-pre-tool-use-write", mesh.Project), "hook", "PreToolUse");
        CliResult shell = await mesh.Cli().RunWithInputAsync(bash, "hook", "PreToolUse");

        Assert.Equal((0, string.Empty), (own.ExitCode, own.Output));
        Assert.Equal((0, string.Empty), (shell.ExitCode, shell.Output));
    }

    [Fact]
    public async Task PreToolUse_without_a_peer_of_its_own_treats_every_lock_as_another_peers()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        // An ephemeral holder (a CLI identity) is never an agent a hook can attach to: this hook has no peer.
        MeshClient codex = await mesh.AgentAsync("codex", o => o with { AgentType = "codex", Ephemeral = true });
        await codex.AcquireLockAsync(Path.Combine(mesh.Project, "src/auth/login.cs"), "rewriting the login flow", cancellationToken: Ct);

        CliResult result = await mesh.Cli().RunWithInputAsync(Golden.Input("claude-pre-tool-use-write", mesh.Project), "hook", "PreToolUse");

        Golden.AssertMatches("claude-pre-tool-use-write", result.Output, mesh.Project);
    }

    [Fact]
    public async Task NotebookEdit_and_MultiEdit_paths_are_checked_too()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        await codex.AcquireLockAsync(Path.Combine(mesh.Project, "*.ipynb"), cancellationToken: Ct);
        string notebook = $$$"""{"hook_event_name":"PreToolUse","cwd":"{{{mesh.Project}}}","tool_name":"NotebookEdit","tool_input":{"notebook_path":"analysis.ipynb","new_source":"x"}}""";
        string multi = $$$"""{"hook_event_name":"PreToolUse","cwd":"{{{mesh.Project}}}","tool_name":"MultiEdit","tool_input":{"file_path":"{{{mesh.Project}}}/a.cs","edits":[]}}""";

        CliResult denied = await mesh.Cli().RunWithInputAsync(notebook, "hook", "PreToolUse");
        CliResult allowed = await mesh.Cli().RunWithInputAsync(multi, "hook", "PreToolUse");

        Assert.Contains("\"permissionDecision\":\"deny\"", denied.Output, StringComparison.Ordinal);
        Assert.Contains("analysis.ipynb is covered by the lock on", denied.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, allowed.Output);
    }

    [Fact]
    public async Task The_payloads_event_name_wins_over_the_registered_one()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        await codex.SendAsync("claude", "hello", cancellationToken: Ct);

        CliResult result = await mesh.Cli().RunWithInputAsync(Golden.Input("claude-user-prompt-submit", mesh.Project), "hook", "PostToolUse");

        Assert.Contains("\"hookEventName\":\"UserPromptSubmit\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_messages_that_fit_are_delivered_and_acknowledged_the_rest_come_next_time()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        for (int i = 0; i < 6; i++)
        {
            await codex.SendAsync("claude", $"part {i} " + new string('x', 1900), cancellationToken: Ct);
        }

        string input = Golden.Input("claude-post-tool-use", mesh.Project);
        CliResult first = await mesh.Cli().RunWithInputAsync(input, "hook", "PostToolUse");
        CliResult second = await mesh.Cli().RunWithInputAsync(input, "hook", "PostToolUse");

        Assert.Contains("4 new messages", first.Output, StringComparison.Ordinal);
        Assert.Contains("part 0 ", first.Output, StringComparison.Ordinal);
        Assert.Contains("part 3 ", first.Output, StringComparison.Ordinal);
        Assert.Contains("2 new messages", second.Output, StringComparison.Ordinal);
        Assert.Contains("part 5 ", second.Output, StringComparison.Ordinal);
        Assert.Empty(await claude.ReadInboxAsync(cancellationToken: Ct));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    [InlineData("{\"hook_event_name\":\"Stop\"}")]
    public async Task Anything_unexpected_prints_nothing_and_exits_0(string stdin)
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("claude");

        CliResult result = await mesh.Cli().RunWithInputAsync(stdin, "hook", "PostToolUse");

        Assert.Equal((0, string.Empty, string.Empty), (result.ExitCode, result.Output, result.Error));
    }

    [Fact]
    public async Task Without_a_broker_the_hook_prints_nothing_at_once_and_starts_none()
    {
        using var home = new TestHome();
        var cli = new CliRunner(home.Directory);
        var watch = Stopwatch.StartNew();

        CliResult post = await cli.RunWithInputAsync(Golden.Input("claude-post-tool-use", home.Directory), "hook", "PostToolUse");
        CliResult pre = await cli.RunWithInputAsync(Golden.Input("claude-pre-tool-use-write", home.Directory), "hook", "PreToolUse");

        Assert.Equal((0, string.Empty), (post.ExitCode, post.Output));
        Assert.Equal((0, string.Empty), (pre.ExitCode, pre.Output));
        Assert.False(File.Exists(home.Home.TokenPath));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_stale_socket_from_a_dead_broker_prints_nothing()
    {
        using var home = new TestHome();
        File.WriteAllText(home.Home.TokenPath, "stale");
        File.WriteAllText(home.Home.SocketPath, string.Empty);

        CliResult result = await new CliRunner(home.Directory).RunWithInputAsync(Golden.Input("claude-post-tool-use", home.Directory), "hook", "PostToolUse");

        Assert.Equal((0, string.Empty, string.Empty), (result.ExitCode, result.Output, result.Error));
    }
}
