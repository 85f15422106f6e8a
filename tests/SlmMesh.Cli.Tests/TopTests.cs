using System.Text.Json;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class TopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<MeshFixture> BusyMeshAsync()
    {
        MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude", o => o with { Summary = "Refactoring auth" });
        MeshClient codex = await mesh.AgentAsync("codex", o => o with { AgentType = "codex", Summary = "Writing tests" });
        await claude.AcquireLockAsync(Path.Combine(mesh.Project, "src/auth/**"), "refactoring", cancellationToken: Ct);
        await claude.SendAsync("codex", "ping", cancellationToken: Ct);
        await codex.BroadcastAsync("pong", cancellationToken: Ct);
        return mesh;
    }

    [Fact]
    public async Task Piped_top_prints_one_snapshot_of_peers_locks_and_traffic()
    {
        await using MeshFixture mesh = await BusyMeshAsync();

        CliResult result = await mesh.Cli().RunAsync("top");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Broker running", result.Output, StringComparison.Ordinal);
        Assert.Matches("(?m)^claude +claude-code +.*Refactoring auth", result.Output);
        Assert.Matches("(?m)^codex +codex +.*Writing tests", result.Output);
        Assert.Matches("(?m)src/auth/\\*\\* +claude +refactoring +(9m 5\\ds|10m)", result.Output);
        Assert.Matches("(?m)^just now +codex +everyone +text$", result.Output);
        Assert.Matches("(?m)^just now +claude +codex +text$", result.Output);
    }

    [Fact]
    public async Task Top_json_is_one_snapshot_document()
    {
        await using MeshFixture mesh = await BusyMeshAsync();

        CliResult result = await mesh.Cli().RunAsync("top", "--json");

        JsonElement json = result.Json;
        Assert.Equal(2, json.GetProperty("status").GetProperty("peersActive").GetInt32());
        Assert.Equal(2, json.GetProperty("peers").GetArrayLength());
        Assert.Equal("claude", Assert.Single(json.GetProperty("locks").EnumerateArray()).GetProperty("holderName").GetString());
        Assert.Equal(2, json.GetProperty("traffic").GetArrayLength());
        Assert.All(json.GetProperty("traffic").EnumerateArray(), e => Assert.Equal("message_sent", e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task On_a_terminal_top_is_live_until_q()
    {
        await using MeshFixture mesh = await BusyMeshAsync();
        var keys = new TaskCompletionSource<ConsoleKeyInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new WatchedWriter();
        var cli = new CliRunner(mesh.Home.Directory, mesh.Project) { Terminal = true, ReadKey = ct => keys.Task.WaitAsync(ct) }.With("NO_COLOR", "1");

        Task<CliResult> running = cli.RunAsync(["top"], string.Empty, output, Ct);
        await output.WaitForAsync(text => text.Contains("Refactoring auth", StringComparison.Ordinal));
        MeshClient late = await mesh.AgentAsync("latecomer", o => o with { Summary = "Just arrived" });
        await output.WaitForAsync(text => text.Contains("Just arrived", StringComparison.Ordinal));
        keys.SetResult(new ConsoleKeyInfo('q', ConsoleKey.Q, false, false, false));
        CliResult result = await running.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("\u001b[?1049h", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("\u001b[?1049l", result.Output, StringComparison.Ordinal);
        Assert.Contains("q or Ctrl-C quits", result.Output, StringComparison.Ordinal);
        Assert.NotNull(late);
    }
}
