using System.Text.Json;
using System.Text.Json.Nodes;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

/// <summary><c>install</c> against fake user homes: fresh, already installed, existing content, malformed.</summary>
public sealed class InstallTests : IDisposable
{
    private const string Mcp = "/opt/slm/slm-mesh-mcp";
    private const string Cli = "/opt/slm/slm-mesh";

    private readonly TempFolder _home = new("slm-home-");

    private static readonly string[] Commands = ["--mcp-command", Mcp, "--cli-command", Cli];

    public void Dispose() => _home.Dispose();

    private CliRunner Runner() => new CliRunner(_home.Path, _home.Path, userHome: _home.Path).With("CLAUDE_CONFIG_DIR", null).With("CODEX_HOME", null).With("XDG_CONFIG_HOME", null);

    private Task<CliResult> InstallAsync(params string[] args) => Runner().RunAsync(["install", .. args, .. Commands]);

    private JsonNode ReadJson(string relative) => JsonNode.Parse(_home.Read(relative)!)!;

    [Fact]
    public async Task Claude_code_gets_the_server_in_claude_json_and_the_hooks_in_settings()
    {
        CliResult result = await InstallAsync("claude-code");

        Assert.Equal(0, result.ExitCode);
        JsonNode server = ReadJson(".claude.json")["mcpServers"]!["slm-mesh"]!;
        Assert.Equal("stdio", (string?)server["type"]);
        Assert.Equal(Mcp, (string?)server["command"]);
        Assert.Empty(server["args"]!.AsArray());
        JsonNode hooks = ReadJson(".claude/settings.json")["hooks"]!;
        JsonNode pre = Assert.Single(hooks["PreToolUse"]!.AsArray())!;
        Assert.Equal("Write|Edit|MultiEdit|NotebookEdit", (string?)pre["matcher"]);
        Assert.Equal(Cli + " hook PreToolUse", (string?)pre["hooks"]![0]!["command"]);
        Assert.Equal("command", (string?)pre["hooks"]![0]!["type"]);
        JsonNode post = Assert.Single(hooks["PostToolUse"]!.AsArray())!;
        Assert.Null(post["matcher"]);
        Assert.Equal(Cli + " hook PostToolUse", (string?)post["hooks"]![0]!["command"]);
        Assert.Equal(Cli + " hook UserPromptSubmit", (string?)hooks["UserPromptSubmit"]![0]!["hooks"]![0]!["command"]);
        Assert.Contains("Restart Claude Code", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_install_changes_nothing_and_keeps_no_new_backup()
    {
        await InstallAsync("claude-code");
        string claudeJson = _home.Read(".claude.json")!;
        string settings = _home.Read(".claude/settings.json")!;

        CliResult again = await InstallAsync("claude-code", "--json");

        Assert.Equal(0, again.ExitCode);
        Assert.False(again.Json.GetProperty("changed").GetBoolean());
        Assert.All(again.Json.GetProperty("changes").EnumerateArray(), c => Assert.Equal("unchanged", c.GetProperty("action").GetString()));
        Assert.Equal(claudeJson, _home.Read(".claude.json"));
        Assert.Equal(settings, _home.Read(".claude/settings.json"));
        Assert.False(File.Exists(_home.Combine(".claude.json.bak")), "nothing changed, so nothing was backed up");
    }

    [Fact]
    public async Task Existing_settings_are_kept_a_backup_is_written_and_old_slm_mesh_hooks_are_replaced()
    {
        string original = """
            {
              "model": "opus",
              "hooks": {
                "PostToolUse": [
                  { "matcher": "Bash", "hooks": [ { "type": "command", "command": "my-linter" } ] },
                  { "hooks": [ { "type": "command", "command": "/old/place/slm-mesh hook PostToolUse" } ] }
                ]
              }
            }
            """;
        _home.Write(".claude/settings.json", original);
        _home.Write(".claude.json", """{"numStartups": 3, "mcpServers": {"github": {"command": "gh-mcp"}}}""");

        CliResult result = await InstallAsync("claude-code");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(original, _home.Read(".claude/settings.json.bak"));
        JsonNode settings = ReadJson(".claude/settings.json");
        Assert.Equal("opus", (string?)settings["model"]);
        JsonArray post = settings["hooks"]!["PostToolUse"]!.AsArray();
        Assert.Equal(2, post.Count);
        Assert.Equal("my-linter", (string?)post[0]!["hooks"]![0]!["command"]);
        Assert.Equal(Cli + " hook PostToolUse", (string?)post[1]!["hooks"]![0]!["command"]);
        JsonNode claude = ReadJson(".claude.json");
        Assert.Equal(3, (int?)claude["numStartups"]);
        Assert.Equal("gh-mcp", (string?)claude["mcpServers"]!["github"]!["command"]);
        Assert.Equal(Mcp, (string?)claude["mcpServers"]!["slm-mesh"]!["command"]);
        Assert.Contains("backup ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_file_is_a_clear_error_and_is_left_untouched()
    {
        string broken = "{ \"mcpServers\": { \"a\": 1, } }\n";
        _home.Write(".cursor/mcp.json", broken);
        _home.Write(".claude.json", "{\"mcpServers\": ");

        CliResult cursor = await InstallAsync("cursor");
        CliResult claude = await InstallAsync("claude-code", "--json");

        Assert.Equal(1, cursor.ExitCode);
        Assert.Contains("mcp.json has comments or trailing commas", cursor.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", cursor.Error, StringComparison.Ordinal);
        Assert.Equal(broken, _home.Read(".cursor/mcp.json"));
        Assert.False(File.Exists(_home.Combine(".cursor/mcp.json.bak")));
        Assert.Equal(1, claude.ExitCode);
        Assert.Equal("invalid_config", claude.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(".claude.json is not valid JSON (line 1", claude.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_home.Combine(".claude/settings.json")), "a malformed file stops the whole installation before anything is written");
    }

    [Fact]
    public async Task Dry_run_prints_the_diff_and_writes_nothing()
    {
        _home.Write(".cursor/mcp.json", "{\n  \"mcpServers\": {\n    \"other\": {\n      \"command\": \"x\"\n    }\n  }\n}\n");

        CliResult result = await InstallAsync("cursor", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--- " + _home.Combine(".cursor/mcp.json"), result.Output, StringComparison.Ordinal);
        Assert.Contains("+    \"slm-mesh\": {", result.Output, StringComparison.Ordinal);
        Assert.Contains($"+      \"command\": \"{Mcp}\",", result.Output, StringComparison.Ordinal);
        Assert.Contains("@@ -2,6 +2,10 @@\n   \"mcpServers\": {\n     \"other\": {\n       \"command\": \"x\"\n+    },\n", result.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?m)^-   ", result.Output);
        Assert.Equal("{\n  \"mcpServers\": {\n    \"other\": {\n      \"command\": \"x\"\n    }\n  }\n}\n", _home.Read(".cursor/mcp.json"));
    }

    [Fact]
    public async Task Cursor_windsurf_and_vscode_get_their_own_file_and_shape()
    {
        Assert.Equal(0, (await InstallAsync("cursor")).ExitCode);
        Assert.Equal(0, (await InstallAsync("windsurf")).ExitCode);
        Assert.Equal(0, (await InstallAsync("vscode")).ExitCode);

        JsonNode cursor = ReadJson(".cursor/mcp.json")["mcpServers"]!["slm-mesh"]!;
        Assert.Equal(Mcp, (string?)cursor["command"]);
        Assert.Null(cursor["type"]);
        Assert.Equal(Mcp, (string?)ReadJson(".codeium/windsurf/mcp_config.json")["mcpServers"]!["slm-mesh"]!["command"]);
        string vscodeFile = OperatingSystem.IsMacOS() ? "Library/Application Support/Code/User/mcp.json" : ".config/Code/User/mcp.json";
        JsonNode vscode = ReadJson(vscodeFile)["servers"]!["slm-mesh"]!;
        Assert.Equal("stdio", (string?)vscode["type"]);
        Assert.Equal(Mcp, (string?)vscode["command"]);
    }

    [Fact]
    public async Task A_user_addition_to_our_entry_is_kept()
    {
        _home.Write(".cursor/mcp.json", """{"mcpServers": {"slm-mesh": {"command": "old", "env": {"SLM_MESH_HOME": "/custom"}}}}""");

        await InstallAsync("cursor");

        JsonNode entry = ReadJson(".cursor/mcp.json")["mcpServers"]!["slm-mesh"]!;
        Assert.Equal(Mcp, (string?)entry["command"]);
        Assert.Equal("/custom", (string?)entry["env"]!["SLM_MESH_HOME"]);
    }

    [Fact]
    public async Task Codex_gets_its_table_in_config_toml_and_hooks_json_and_is_told_to_trust_them()
    {
        string config = """
            model = "gpt-5-codex"

            [mcp_servers.github]
            command = "gh-mcp"
            args = [
              "--read-only",
            ]

            [profiles.fast]
            model = "gpt-5-mini"
            """;
        _home.Write(".codex/config.toml", config + "\n");

        CliResult result = await InstallAsync("codex");

        Assert.Equal(0, result.ExitCode);
        string written = _home.Read(".codex/config.toml")!;
        Assert.StartsWith(config + "\n\n[mcp_servers.slm-mesh]\n", written, StringComparison.Ordinal);
        Assert.Contains($"command = \"{Mcp}\"\nargs = []\nenv_vars = [\"SLM_MESH_HOME\", \"SLM_MESH_NAME\", \"SLM_MESH_LOG\"]\nrequired = true\ndefault_tools_approval_mode = \"approve\"\n", written, StringComparison.Ordinal);
        JsonNode hooks = ReadJson(".codex/hooks.json")["hooks"]!;
        Assert.Equal("apply_patch|Edit|Write", (string?)hooks["PreToolUse"]![0]!["matcher"]);
        Assert.Equal(Cli + " hook PreToolUse", (string?)hooks["PreToolUse"]![0]!["hooks"]![0]!["command"]);
        Assert.Equal(Cli + " hook PostToolUse", (string?)hooks["PostToolUse"]![0]!["hooks"]![0]!["command"]);
        Assert.Contains("/hooks", result.Output, StringComparison.Ordinal);
        Assert.Contains("trust", result.Output, StringComparison.Ordinal);

        CliResult again = await InstallAsync("codex", "--json");
        Assert.False(again.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(written, _home.Read(".codex/config.toml"));
    }

    [Fact]
    public async Task Codex_replaces_its_old_table_in_place_and_keeps_the_rest_byte_for_byte()
    {
        string before = "# my config\n[mcp_servers.slm-mesh]\ncommand = \"/old/slm-mesh-mcp\"\n\n[mcp_servers.slm-mesh.env]\nX = \"1\"\n\n# the next one\n[tui]\nnotifications = true\n";
        _home.Write(".codex/config.toml", before);

        CliResult result = await InstallAsync("codex", "--json");

        Assert.Equal(0, result.ExitCode);
        string after = _home.Read(".codex/config.toml")!;
        Assert.StartsWith("# my config\n[mcp_servers.slm-mesh]\ncommand = \"" + Mcp + "\"\n", after, StringComparison.Ordinal);
        Assert.EndsWith("default_tools_approval_mode = \"approve\"\n\n# the next one\n[tui]\nnotifications = true\n", after, StringComparison.Ordinal);
        Assert.DoesNotContain("slm-mesh.env", after, StringComparison.Ordinal);
        Assert.Equal(before, _home.Read(".codex/config.toml.bak"));
    }

    [Theory]
    [InlineData("title = \"\"\"\nnever closed\n", "multi-line string opened on line 1 is never closed")]
    [InlineData("[mcp_servers\ncommand = \"x\"\n", "table header on line 1 is malformed")]
    [InlineData("args = [\n \"a\",\n", "brackets do not balance")]
    [InlineData("[mcp_servers.slm-mesh]\n[mcp_servers.slm-mesh]\n", "defined more than once")]
    [InlineData("mcp_servers.slm-mesh.command = \"x\"\n", "inline or with dotted keys")]
    [InlineData("[mcp_servers]\nslm-mesh = { command = \"x\" }\n", "inline or with dotted keys")]
    public async Task A_config_toml_it_cannot_edit_safely_is_refused_and_left_alone(string toml, string message)
    {
        _home.Write(".codex/config.toml", toml);

        CliResult result = await InstallAsync("codex");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(toml, _home.Read(".codex/config.toml"));
        Assert.Null(_home.Read(".codex/hooks.json"));
    }

    [Fact]
    public async Task Config_dir_and_the_agents_variables_choose_the_folder()
    {
        string custom = _home.SubFolder("custom-codex");

        CliResult byOption = await InstallAsync("codex", "--config-dir", custom);
        CliResult byVariable = await Runner().With("CLAUDE_CONFIG_DIR", _home.Combine("claude-alt")).RunAsync(["install", "claude-code", .. Commands]);

        Assert.Equal(0, byOption.ExitCode);
        Assert.True(File.Exists(Path.Combine(custom, "config.toml")));
        Assert.True(File.Exists(Path.Combine(custom, "hooks.json")));
        Assert.Equal(0, byVariable.ExitCode);
        Assert.True(File.Exists(_home.Combine("claude-alt/.claude.json")), "with CLAUDE_CONFIG_DIR, .claude.json lives in it");
        Assert.True(File.Exists(_home.Combine("claude-alt/settings.json")));
        Assert.False(File.Exists(_home.Combine(".claude.json")));
    }

    [Fact]
    public async Task Without_options_the_commands_are_found_on_path_as_absolute_paths()
    {
        string bin = _home.SubFolder("bin");
        foreach (string tool in (string[])["slm-mesh-mcp", "slm-mesh"])
        {
            string path = Path.Combine(bin, tool);
            File.WriteAllText(path, "#!/bin/sh\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        CliResult result = await Runner().With("PATH", bin).RunAsync("install", "claude-code", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Path.Combine(bin, "slm-mesh-mcp"), (string?)ReadJson(".claude.json")["mcpServers"]!["slm-mesh"]!["command"]);
        Assert.Equal(Path.Combine(bin, "slm-mesh") + " hook PreToolUse", (string?)ReadJson(".claude/settings.json")["hooks"]!["PreToolUse"]![0]!["hooks"]![0]!["command"]);
        Assert.Equal(0, result.Json.GetProperty("notes").EnumerateArray().Count(n => n.GetString()!.Contains("not on PATH", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_missing_mcp_server_is_registered_by_name_with_a_note()
    {
        CliResult result = await Runner().With("PATH", _home.SubFolder("empty")).RunAsync("install", "cursor", "--cli-command", Cli, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("slm-mesh-mcp", (string?)ReadJson(".cursor/mcp.json")["mcpServers"]!["slm-mesh"]!["command"]);
        Assert.Contains(result.Json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("dotnet tool install -g SlmMesh.Mcp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_json_lists_changes_with_diffs_on_a_dry_run()
    {
        CliResult result = await InstallAsync("codex", "--dry-run", "--json");

        JsonElement[] changes = [.. result.Json.GetProperty("changes").EnumerateArray()];
        Assert.True(result.Json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["create", "create"], changes.Select(c => c.GetProperty("action").GetString()));
        Assert.All(changes, c => Assert.StartsWith("--- /dev/null", c.GetProperty("diff").GetString(), StringComparison.Ordinal));
        Assert.False(Directory.Exists(_home.Combine(".codex")));
    }

    [Fact]
    public async Task Hooks_of_a_renamed_cli_are_recognised_as_ours_on_the_next_run()
    {
        string[] renamed = ["--mcp-command", Mcp, "--cli-command", "/opt/tools/mesh"];
        await Runner().RunAsync(["install", "claude-code", .. renamed]);
        string settings = _home.Read(".claude/settings.json")!;

        CliResult again = await Runner().RunAsync(["install", "claude-code", .. renamed, "--json"]);

        Assert.False(again.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(settings, _home.Read(".claude/settings.json"));
    }
}
