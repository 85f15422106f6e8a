using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

/// <summary>On a terminal the same commands render with Spectre.Console: borders, grids, markup and spinners.</summary>
public sealed class TerminalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commands_render_tables_and_spinners_on_a_terminal()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude", o => o with { Summary = "Refactoring auth" });
        await claude.AcquireLockAsync(Path.Combine(mesh.Project, "src/**"), "refactoring", cancellationToken: Ct);
        CliRunner cli = mesh.Cli(terminal: true).With("NO_COLOR", "1");
        await cli.RunAsync("send", "claude", "hi");
        MeshMessage question = (await claude.WaitForMessageAsync(TimeSpan.FromSeconds(10), cancellationToken: Ct))!;
        await claude.SendAsync(question.From, "hello back", replyTo: question.Id, cancellationToken: Ct);

        CliResult status = await cli.RunAsync("status");
        CliResult locks = await cli.RunAsync("lock", "list");
        CliResult state = await cli.RunAsync("state", "set", "k", "v");
        CliResult list = await cli.RunAsync("state", "list");
        CliResult inbox = await cli.RunAsync("inbox");
        CliResult clean = await cli.RunAsync("clean");
        CliResult doctor = await cli.RunAsync("doctor");
        CliResult top = await cli.RunAsync("top", "--json");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Broker running", status.Output, StringComparison.Ordinal);
        Assert.True(status.Output.Contains("1 active", StringComparison.Ordinal), status.Output);
        Assert.Contains("│ ", locks.Output, StringComparison.Ordinal);
        Assert.Contains("refactoring", locks.Output, StringComparison.Ordinal);
        Assert.Contains("default/k = v (version 1)", state.Output, StringComparison.Ordinal);
        Assert.Contains("╭", list.Output, StringComparison.Ordinal);
        Assert.Contains("From claude", inbox.Output, StringComparison.Ordinal);
        Assert.Contains("hello back", inbox.Output, StringComparison.Ordinal);
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("Pruned", clean.Output, StringComparison.Ordinal);
        Assert.Contains("✔ broker: running", doctor.Output, StringComparison.Ordinal);
        Assert.Equal(1, top.Json.GetProperty("locks").GetArrayLength());
    }

    [Fact]
    public async Task Errors_on_a_terminal_still_go_to_stderr()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult result = await mesh.Cli(terminal: true).RunAsync("state", "get", "missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.StartsWith("slm-mesh: No key 'missing'", result.Error, StringComparison.Ordinal);
    }
}
