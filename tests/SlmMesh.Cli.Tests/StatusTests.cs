using System.Text.Json;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class StatusTests
{
    [Fact]
    public async Task Status_reports_a_stopped_broker_with_exit_3_and_starts_none()
    {
        using var home = new TestHome();
        var cli = new CliRunner(home.Directory);

        CliResult text = await cli.RunAsync("status");
        CliResult json = await cli.RunAsync("status", "--json");

        Assert.Equal(3, text.ExitCode);
        Assert.Contains("No broker is running", text.Output, StringComparison.Ordinal);
        Assert.Equal(3, json.ExitCode);
        Assert.False(json.Json.GetProperty("running").GetBoolean());
        Assert.Equal(home.Directory, json.Json.GetProperty("home").GetString());
        Assert.False(File.Exists(home.Home.TokenPath), "status must not start a broker");
    }

    [Fact]
    public async Task Status_shows_the_running_broker_and_its_statistics()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient agent = await mesh.AgentAsync("claude");
        await agent.AcquireLockAsync("a.txt", cancellationToken: TestContext.Current.CancellationToken);

        CliResult text = await mesh.Cli().RunAsync("status");
        CliResult json = await mesh.Cli().RunAsync("status", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"Broker running (pid {Environment.ProcessId}", text.Output, StringComparison.Ordinal);
        Assert.Contains("1 active, 0 away", text.Output, StringComparison.Ordinal);
        Assert.Contains("1 held", text.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        JsonElement broker = json.Json.GetProperty("broker");
        Assert.True(json.Json.GetProperty("running").GetBoolean());
        Assert.Equal(Environment.ProcessId, broker.GetProperty("pid").GetInt32());
        Assert.Equal(1, broker.GetProperty("peersActive").GetInt32());
        Assert.Equal(1, broker.GetProperty("locksActive").GetInt32());
        Assert.EndsWith("Z", broker.GetProperty("startedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_shuts_the_broker_down_and_waits_until_its_socket_is_gone()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult stopped = await mesh.Cli().RunAsync("stop", "--json");

        Assert.Equal(0, stopped.ExitCode);
        Assert.True(stopped.Json.GetProperty("stopped").GetBoolean());
        Assert.Equal(Environment.ProcessId, stopped.Json.GetProperty("pid").GetInt32());
        Assert.True(mesh.Broker.Completion.IsCompleted, "stop returns only once the broker has stopped");
        Assert.False(File.Exists(mesh.Home.Home.SocketPath));
        Assert.Equal(3, (await mesh.Cli().RunAsync("status")).ExitCode);
    }

    [Fact]
    public async Task Stop_without_a_broker_says_so_and_succeeds()
    {
        using var home = new TestHome();

        CliResult result = await new CliRunner(home.Directory).RunAsync("stop");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No broker is running", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_finds_a_running_broker_and_foreground_refuses_a_second_one()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult start = await mesh.Cli().RunAsync("start", "--json");
        CliResult foreground = await mesh.Cli().RunAsync("start", "--foreground");

        Assert.Equal(0, start.ExitCode);
        Assert.False(start.Json.GetProperty("started").GetBoolean());
        Assert.Equal(Environment.ProcessId, start.Json.GetProperty("pid").GetInt32());
        Assert.Equal(4, foreground.ExitCode);
        Assert.Contains("already runs", foreground.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_foreground_serves_until_cancelled()
    {
        using var home = new TestHome();
        var output = new WatchedWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<CliResult> running = new CliRunner(home.Directory).RunAsync(["start", "--foreground"], string.Empty, output, stop.Token);

        await output.WaitForAsync(text => text.Contains("running in the foreground", StringComparison.Ordinal));
        await Eventually.TrueAsync(async () => (await new CliRunner(home.Directory).RunAsync("status")).ExitCode == 0, because: "the foreground broker answers");
        await stop.CancelAsync();
        CliResult result = await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Broker stopped.", result.Output, StringComparison.Ordinal);
        Assert.Equal(3, (await new CliRunner(home.Directory).RunAsync("status")).ExitCode);
    }

    [Fact]
    public async Task Version_prints_both_versions_and_exit_0_when_they_match()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult json = await mesh.Cli().RunAsync("version", "--json");
        CliResult text = await mesh.Cli().RunAsync("version");

        Assert.Equal(0, json.ExitCode);
        Assert.Equal(CliVersion.Current, json.Json.GetProperty("cli").GetString());
        Assert.Equal(CliVersion.Current, json.Json.GetProperty("broker").GetProperty("version").GetString());
        Assert.True(json.Json.GetProperty("compatible").GetBoolean());
        Assert.StartsWith($"slm-mesh {CliVersion.Current}", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_without_a_broker_prints_the_cli_version_only()
    {
        using var home = new TestHome();

        CliResult json = await new CliRunner(home.Directory).RunAsync("version", "--json");

        Assert.Equal(0, json.ExitCode);
        Assert.Equal(JsonValueKind.Null, json.Json.GetProperty("broker").ValueKind);
    }
}
