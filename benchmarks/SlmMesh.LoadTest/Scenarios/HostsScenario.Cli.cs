namespace SlmMesh.LoadTest.Scenarios;

internal static partial class HostsScenario
{
    /// <summary>
    /// <c>slm-mesh</c> commands and hooks, each timed from spawn to exit (<see cref="CliTimer"/>): without a broker
    /// in an empty home, then against this scenario's broker, where <c>claude</c> is an agent peer whose agent
    /// process is this tool (so a hook run from here acts for it, as one run by Claude Code acts for its peer) and
    /// <c>codex</c> another agent holding a lock. The hook payloads are the CLI tests' golden inputs.
    /// </summary>
    private static async Task CliAsync(MeshUnderTest mesh, HostProgram program, ScenarioResult result, CancellationToken cancellationToken)
    {
        var timer = new CliTimer(program, mesh.Options, result);
        string[] post = ["hook", "PostToolUse"];
        string[] pre = ["hook", "PreToolUse"];
        DirectoryInfo empty = Directory.CreateTempSubdirectory("slm-cli-");
        try
        {
            string none = empty.FullName;
            await timer.MeasureAsync(new CliCase("cli.version", "slm-mesh version (no broker)", ["version"], "", "broker: not running"), none, none, cancellationToken);
            await timer.MeasureAsync(new CliCase("hook.postNoBroker", "hook PostToolUse, no broker", post, Golden("claude-post-tool-use", none), null, HookGoal), none, none, cancellationToken);
        }
        finally
        {
            empty.Delete(recursive: true);
        }

        string home = mesh.Home;
        string project = Path.Combine(home, "project");
        Directory.CreateDirectory(project);

        // The broker picks, among peers naming the same agent process, the one connected last: claude, after the anchor.
        MeshClient claude = await mesh.ConnectAsync(MeshUnderTest.ClientOptions(home, "claude") with { AgentType = "claude-code", Cwd = project }, cancellationToken);

        // Another agent: its agent process must be this tool or an ancestor (the broker checks), and not the hooks' nearest.
        int parent = Machine.ParentProcessId(Environment.ProcessId);
        MeshClient codex = await mesh.ConnectAsync(MeshUnderTest.ClientOptions(home, "codex") with { AgentType = "codex", AgentProcessId = parent, Cwd = project }, cancellationToken);
        await codex.AcquireLockAsync(Path.Combine(project, "src", "auth", "login.cs"), "rewriting", cancellationToken: cancellationToken);

        string write = Golden("claude-pre-tool-use-write", project);
        string bash = $$$"""{"hook_event_name":"PreToolUse","cwd":"{{{project}}}","tool_name":"Bash","tool_input":{"command":"ls"}}""";
        CliCase[] withBroker =
        [
            new("cli.status", "slm-mesh status", ["status"], "", "Broker running"),
            new("cli.peers", "slm-mesh peers", ["peers"], "", "claude"),
            new("cli.lockList", "slm-mesh lock list --json", ["lock", "list", "--json"], "", "rewriting"),
            new("cli.send", "slm-mesh send (ephemeral CLI identity)", ["send", "claude", "hello"], "", "Sent to claude"),
        ];
        foreach (CliCase invocation in withBroker)
        {
            await timer.MeasureAsync(invocation, home, project, cancellationToken);
        }

        IReadOnlyList<MeshMessage> sent = await claude.ReadInboxAsync(limit: 100, cancellationToken: cancellationToken);
        await claude.AcknowledgeAsync(sent.Select(m => m.Id), cancellationToken);
        CliCase[] hooks =
        [
            new("hook.postNothingNew", "hook PostToolUse, nothing new", post, Golden("claude-post-tool-use", project), null, HookGoal),
            new("hook.postOneMessage", "hook PostToolUse, one new message", post, Golden("claude-post-tool-use", project), "additionalContext", HookGoal,
                async () => await codex.SendAsync("claude", "ping", cancellationToken: cancellationToken)),
            new("hook.preBash", "hook PreToolUse on Bash (no file: no connection)", pre, bash, null, HookGoal),
            new("hook.preWrite", "hook PreToolUse on Write, file not locked", pre, write.Replace("login.cs", "other.cs", StringComparison.Ordinal), null, HookGoal),
            new("hook.preWriteLocked", "hook PreToolUse on Write, locked by another peer (deny)", pre, write, "\"deny\"", HookGoal),
        ];
        foreach (CliCase invocation in hooks)
        {
            await timer.MeasureAsync(invocation, home, project, cancellationToken);
        }
    }

    /// <summary>A golden hook payload of the CLI tests (embedded from tests/SlmMesh.Cli.Tests/Golden) for <paramref name="project"/>.</summary>
    private static string Golden(string name, string project)
    {
        using Stream stream = typeof(HostsScenario).Assembly.GetManifestResourceStream(name + ".input.json")
            ?? throw new InvalidOperationException($"The embedded hook payload {name}.input.json is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("<PROJECT>", project, StringComparison.Ordinal);
    }
}
