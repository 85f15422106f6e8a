using System.Text.Json;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class DoctorTests : IDisposable
{
    private readonly TempFolder _user = new("slm-user-");

    public void Dispose() => _user.Dispose();

    private CliRunner Runner(string home) =>
        new CliRunner(home, _user.Path, userHome: _user.Path).With("PATH", _user.SubFolder("bin")).With("CLAUDE_CONFIG_DIR", null).With("CODEX_HOME", null);

    private static JsonElement Check(CliResult result, string name) =>
        result.Json.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public async Task A_healthy_mesh_passes_with_exit_0()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult json = await Runner(mesh.Home.Directory).RunAsync("doctor", "--json");
        CliResult text = await Runner(mesh.Home.Directory).RunAsync("doctor");

        Assert.Equal(0, json.ExitCode);
        Assert.True(json.Json.GetProperty("ok").GetBoolean());
        Assert.Equal("ok", Check(json, "home").GetProperty("status").GetString());
        Assert.Equal("ok", Check(json, "permissions").GetProperty("status").GetString());
        Assert.StartsWith($"running, pid {Environment.ProcessId}", Check(json, "broker").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", Check(json, "version").GetProperty("status").GetString());
        Assert.Equal("warn", Check(json, "mcp server").GetProperty("status").GetString());
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("ok   broker: running", text.Output, StringComparison.Ordinal);
        Assert.Contains("       fix: dotnet tool install -g SlmMesh.Mcp", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loose_permissions_fail_with_the_chmod_that_fixes_them()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes");
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(mesh.Home.Directory, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(mesh.Home.Home.DatabasePath, (UnixFileMode)0b110_100_100);
        }

        CliResult result = await Runner(mesh.Home.Directory).RunAsync("doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.Json.GetProperty("ok").GetBoolean());
        JsonElement home = Check(result, "home");
        Assert.Equal("fail", home.GetProperty("status").GetString());
        Assert.Contains("is 0755", home.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("chmod 700 " + mesh.Home.Directory, home.GetProperty("fix").GetString());
        JsonElement files = Check(result, "permissions");
        Assert.Contains("mesh.db (0644)", files.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("chmod 600 " + mesh.Home.Home.DatabasePath, files.GetProperty("fix").GetString());
    }

    [Fact]
    public async Task Stale_files_of_a_dead_broker_fail_with_clean_as_the_fix()
    {
        using var home = new TestHome();
        File.WriteAllText(home.Home.TokenPath, "stale");
        File.WriteAllText(home.Home.SocketPath, string.Empty);

        CliResult result = await Runner(home.Directory).RunAsync("doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        JsonElement stale = Check(result, "stale files");
        Assert.Contains("broker.sock", stale.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("broker.token", stale.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("slm-mesh clean", stale.GetProperty("fix").GetString());
        Assert.Equal("not running (it starts on demand)", Check(result, "broker").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_missing_home_is_fine_and_no_broker_is_started()
    {
        string home = Path.Combine(_user.Path, "never-used");

        CliResult result = await Runner(home).RunAsync("doctor", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("does not exist yet", Check(result, "home").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(home));
    }

    [Fact]
    public async Task Each_present_agent_is_checked_and_install_fixes_it()
    {
        using var home = new TestHome();
        Directory.CreateDirectory(_user.Combine(".cursor"));
        _user.Write(".codex/config.toml", "model = \"gpt-5\"\n");
        _user.Write(".codeium/windsurf/mcp_config.json", "{ broken");

        CliResult before = await Runner(home.Directory).RunAsync("doctor", "--json");
        await Runner(home.Directory).RunAsync("install", "cursor");
        await Runner(home.Directory).RunAsync("install", "codex");
        CliResult after = await Runner(home.Directory).RunAsync("doctor", "--json");

        Assert.Equal("warn", Check(before, "cursor").GetProperty("status").GetString());
        Assert.Equal("slm-mesh install cursor", Check(before, "cursor").GetProperty("fix").GetString());
        Assert.Equal("warn", Check(before, "codex").GetProperty("status").GetString());
        Assert.Equal("fail", Check(before, "windsurf").GetProperty("status").GetString());
        Assert.Contains("not valid JSON", Check(before, "windsurf").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", Check(before, "vscode").GetProperty("status").GetString());
        Assert.Equal(1, before.ExitCode);
        Assert.True(Check(after, "cursor").GetProperty("status").GetString() == "ok", after.Output);
        Assert.True(Check(after, "codex").GetProperty("status").GetString() == "ok", after.Output);
        Assert.Contains("with its hooks", Check(after, "codex").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hooks_missing_for_claude_code_are_a_warning_with_the_fix()
    {
        using var home = new TestHome();
        _user.Write(".claude.json", """{"mcpServers": {"slm-mesh": {"type": "stdio", "command": "slm-mesh-mcp", "args": []}}}""");

        CliResult result = await Runner(home.Directory).RunAsync("doctor", "--json");

        JsonElement claude = Check(result, "claude-code");
        Assert.Equal("warn", claude.GetProperty("status").GetString());
        Assert.Contains("hooks are missing", claude.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("slm-mesh install claude-code", claude.GetProperty("fix").GetString());
    }
}
