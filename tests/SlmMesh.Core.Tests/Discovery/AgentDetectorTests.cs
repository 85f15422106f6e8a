using SlmMesh.Discovery;

namespace SlmMesh.Core.Tests.Discovery;

public sealed class AgentDetectorTests
{
    // Ancestry entries are "pid|name|command line", the process itself first; each one's parent is the next.
    [Theory]
    [InlineData("nothing", "", new[] { "100|dotnet", "90|bash", "1|systemd" }, "dotnet", 100)]
    [InlineData("env only: claude, odd binary name", "CLAUDECODE=1", new[] { "100|slm-mesh-mcp", "90|sh", "80|2.1.328" }, "claude-code", 80)]
    [InlineData("env only: entrypoint, only shells above", "CLAUDE_CODE_ENTRYPOINT=cli", new[] { "100|slm-mesh", "90|bash", "1|systemd" }, "claude-code", 90)]
    [InlineData("env only: npx between", "CLAUDECODE=1", new[] { "100|slm-mesh-mcp", "90|node|node /usr/bin/npx -y slm-mesh-mcp", "80|2.1.328" }, "claude-code", 80)]
    [InlineData("env off: CLAUDECODE=0", "CLAUDECODE=0", new[] { "100|slm-mesh", "90|bash" }, "cli", 100)]
    [InlineData("ancestry only: claude", "", new[] { "100|slm-mesh-mcp", "90|claude", "80|zsh", "1|init" }, "claude-code", 90)]
    [InlineData("ancestry only: node claude-code cli.js", "", new[] { "100|slm-mesh-mcp", "90|node|node /usr/lib/node_modules/@anthropic-ai/claude-code/cli.js --resume" }, "claude-code", 90)]
    [InlineData("ancestry only: claude native install path", "", new[] { "100|slm-mesh-mcp", "90|2.1.328|/home/u/.local/share/claude/versions/2.1.328 -c" }, "claude-code", 90)]
    [InlineData("ancestry only: node @openai/codex", "", new[] { "100|slm-mesh-mcp", "90|node|node /usr/lib/node_modules/@openai/codex/bin/codex.js" }, "codex", 90)]
    [InlineData("ancestry only: node bin/codex", "", new[] { "100|slm-mesh-mcp", "90|node|/usr/bin/node /home/u/.nvm/versions/node/v22.1.0/bin/codex exec" }, "codex", 90)]
    [InlineData("ancestry only: codex native, comm truncated", "", new[] { "100|slm-mesh-mcp", "90|codex-x86_64-un", "80|node|node /usr/bin/codex" }, "codex", 90)]
    [InlineData("ancestry only: aider script", "", new[] { "100|slm-mesh", "90|python3|/usr/bin/python3 /home/u/.local/bin/aider --model x" }, "aider", 90)]
    [InlineData("ancestry only: python -m aider", "", new[] { "100|slm-mesh", "90|python3|python3 -m aider" }, "aider", 90)]
    [InlineData("ancestry only: VS Code extension host", "", new[] { "100|slm-mesh-mcp", "90|code|/usr/share/code/code --type=utility --utility-sub-type=node.mojom.NodeService" }, "vscode", 90)]
    [InlineData("ancestry only: VS Code remote server", "", new[] { "100|slm-mesh-mcp", "90|node|/home/u/.vscode-server/bin/abc/node /home/u/.vscode-server/bin/abc/out/server-main.js" }, "vscode", 90)]
    [InlineData("ancestry only: Windsurf remote server", "", new[] { "100|slm-mesh-mcp", "90|node|/home/u/.windsurf-server/bin/abc/node /home/u/.windsurf-server/bin/abc/out/server-main.js" }, "windsurf", 90)]
    [InlineData("ancestry only: macOS helper", "", new[] { "100|slm-mesh-mcp", "90|Cursor Helper (Plugin)", "80|Cursor" }, "cursor", 90)]
    [InlineData("ancestry only: Windows image name", "", new[] { "100|slm-mesh-mcp", "90|Code|C:\\Users\\u\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe --type=utility" }, "vscode", 90)]
    [InlineData("both: claude in a VS Code terminal", "CLAUDECODE=1;TERM_PROGRAM=vscode;VSCODE_PID=70", new[] { "100|slm-mesh-mcp", "90|claude", "80|bash", "70|code" }, "claude-code", 90)]
    [InlineData("both: codex nearer than an inherited CLAUDECODE", "CLAUDECODE=1", new[] { "100|slm-mesh", "90|codex", "80|bash", "70|claude" }, "codex", 90)]
    [InlineData("both: codex in a Cursor terminal", "TERM_PROGRAM=vscode;CURSOR_TRACE_ID=abc", new[] { "100|slm-mesh", "90|codex", "80|zsh", "70|cursor" }, "codex", 90)]
    [InlineData("both: claude extension binary under the editor", "CLAUDECODE=1;CLAUDE_CODE_ENTRYPOINT=claude-vscode", new[] { "100|slm-mesh-mcp", "90|2.1.328", "80|code" }, "claude-code", 90)]
    [InlineData("both: Cursor terminal refines a code ancestor", "TERM_PROGRAM=vscode;CURSOR_TRACE_ID=abc", new[] { "100|slm-mesh", "90|bash", "80|code" }, "cursor", 80)]
    [InlineData("both: plain VS Code terminal", "TERM_PROGRAM=vscode", new[] { "100|slm-mesh", "90|bash", "80|code", "70|code" }, "vscode", 80)]
    [InlineData("env only: Cursor terminal", "TERM_PROGRAM=vscode;CURSOR_TRACE_ID=abc", new[] { "100|slm-mesh", "90|bash" }, "cursor", 90)]
    [InlineData("env only: Windsurf askpass path", "TERM_PROGRAM=vscode;VSCODE_GIT_ASKPASS_MAIN=/home/u/.windsurf-server/bin/x/extensions/git/dist/askpass-main.js", new[] { "100|slm-mesh", "90|bash" }, "windsurf", 90)]
    [InlineData("env only: a user called cursor is not Cursor", "TERM_PROGRAM=vscode;VSCODE_GIT_ASKPASS_MAIN=/home/cursor/vscode/resources/app/extensions/git/dist/askpass-main.js", new[] { "100|slm-mesh", "90|bash" }, "vscode", 90)]
    [InlineData("env only: Cursor bundle id", "__CFBundleIdentifier=com.todesktop.230313mzl4w4u92", new[] { "100|slm-mesh", "90|zsh" }, "cursor", 90)]
    [InlineData("env only: codex shell tool", "CODEX_SANDBOX_NETWORK_DISABLED=1", new[] { "100|slm-mesh", "90|bash", "80|weird" }, "codex", 80)]
    [InlineData("env only: AIDER_* is user config", "AIDER_MODEL=gpt", new[] { "100|slm-mesh", "90|bash" }, "cli", 100)]
    [InlineData("code is not vscode-something or Xcode", "", new[] { "100|slm-mesh", "90|vscode-json-lang|node /opt/vscode-something-random/server.js --stdio", "80|Xcode", "70|codespace", "1|init" }, "cli", 100)]
    [InlineData("codex is not code, and code is not codex", "", new[] { "100|slm-mesh", "90|codexx", "80|code", "1|init" }, "vscode", 80)]
    [InlineData("Claude Desktop is not Claude Code", "", new[] { "100|slm-mesh-mcp", "90|Claude|/Applications/Claude.app/Contents/MacOS/Claude" }, "unknown", 100)]
    [InlineData("the process itself never counts", "", new[] { "100|claude", "90|bash", "1|init" }, "unknown", 100)]
    public void Detect_decides_from_environment_and_ancestry(string scenario, string environment, string[] ancestry, string expectedType, int expectedPid)
    {
        AgentIdentity identity = AgentDetector.Detect(ParseEnvironment(environment), ParseAncestry(ancestry), FallbackFor(expectedType));

        Assert.True(identity == new AgentIdentity(expectedType, expectedPid), $"{scenario}: got {identity}");
    }

    [Fact]
    public void An_empty_ancestry_falls_back_to_this_process()
    {
        AgentIdentity identity = AgentDetector.Detect(new Dictionary<string, string>(), [], AgentTypes.Dotnet);

        Assert.Equal(new AgentIdentity(AgentTypes.Dotnet, Environment.ProcessId), identity);
    }

    [Fact]
    public void DetectCurrent_names_a_live_ancestor_of_this_process()
    {
        AgentIdentity identity = AgentDetector.DetectCurrent(AgentTypes.Dotnet);

        Assert.True(AgentTypes.IsKnown(identity.AgentType), identity.AgentType);
        Assert.True(ProcessTree.IsAlive(identity.AgentProcessId));
        Assert.True(ProcessTree.IsAncestor(identity.AgentProcessId, Environment.ProcessId));
    }

    [Fact]
    public async Task A_real_process_under_an_agent_named_codex_is_detected()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Needs /bin/sh and /proc.");
        using var folder = new TempFolder();
        string codex = Path.Combine(folder.Path, "codex");
        File.Copy("/bin/sh", codex);

        // "codex" starts a host (sleep) and tells us its pid; the host's ancestry is host, codex, this test.
        using var agent = ChildProcess.Start(codex, "-c", "sleep 30 & echo $!; wait");
        string? line = await agent.Process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        int host = int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture);

        AgentIdentity identity = AgentDetector.Detect(new Dictionary<string, string>(), ProcessTree.GetAncestry(host), AgentTypes.Unknown);

        Assert.Equal(new AgentIdentity(AgentTypes.Codex, agent.Id), identity);
    }

    [Theory]
    [InlineData("")]
    [InlineData("process.title = 'claude';")]
    public async Task A_real_node_claude_code_cli_is_detected(string setTitle)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Needs /proc.");
        Assert.SkipUnless(OnPath("node"), "node is not on PATH.");
        using var folder = new TempFolder();
        string cli = folder.File("lib/node_modules/@anthropic-ai/claude-code/cli.js",
            setTitle + "const c = require('child_process').spawn('sleep', ['30'], { stdio: 'ignore' }); console.log(c.pid);");

        using var agent = ChildProcess.Start("node", cli);
        string? line = await agent.Process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        int host = int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture);

        AgentIdentity identity = AgentDetector.Detect(new Dictionary<string, string>(), ProcessTree.GetAncestry(host), AgentTypes.Unknown);

        Assert.Equal(new AgentIdentity(AgentTypes.ClaudeCode, agent.Id), identity);
    }

    [Theory]
    [InlineData("claude-code", true)]
    [InlineData("unknown", true)]
    [InlineData("dotnet", true)]
    [InlineData("Claude-Code", false)]
    [InlineData("copilot", false)]
    [InlineData("", false)]
    public void IsKnown_accepts_exactly_the_spec_types(string value, bool known) => Assert.Equal(known, AgentTypes.IsKnown(value));

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, program)));

    // The fallback only shows when nothing matched; these cases expect "cli", "dotnet" or "unknown".
    private static string FallbackFor(string expectedType) =>
        expectedType is AgentTypes.Cli or AgentTypes.Dotnet ? expectedType : AgentTypes.Unknown;

    private static Dictionary<string, string> ParseEnvironment(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    private static ProcessEntry[] ParseAncestry(string[] entries)
    {
        var parsed = entries.Select(entry => entry.Split('|')).ToArray();
        return parsed.Select((parts, i) => new ProcessEntry(
            int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            i + 1 < parsed.Length ? int.Parse(parsed[i + 1][0], System.Globalization.CultureInfo.InvariantCulture) : 0,
            parts[1],
            parts.Length > 2 ? parts[2] : null)).ToArray();
    }
}
