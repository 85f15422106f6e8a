using System.Diagnostics;
using System.Globalization;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

/// <summary>
/// Wall time per CLI and per hook invocation, as real processes (docs/PERFORMANCE.md, "CLI"). Measures, does
/// not assert a budget: it runs only with SLM_MESH_MEASURE=1; SLM_MESH_MEASURE_CLI picks the program (an
/// apphost or a Native AOT build; default: this build's apphost). It still checks each answer is right.
/// </summary>
public sealed class TimingMeasurements(ITestOutputHelper log)
{
    private const int Runs = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Measure_cli_and_hook_invocations()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("SLM_MESH_MEASURE") == "1", "Set SLM_MESH_MEASURE=1 to measure (see docs/PERFORMANCE.md).");
        string program = Environment.GetEnvironmentVariable("SLM_MESH_MEASURE_CLI") ?? Path.Combine(AppContext.BaseDirectory, "slm-mesh");
        log.WriteLine($"program: {program}");

        using (var empty = new TestHome())
        {
            await MeasureAsync(program, empty.Directory, "version (no broker)", ["version"], null, 0, string.Empty);
            await MeasureAsync(program, empty.Directory, "hook PostToolUse, no broker", ["hook", "PostToolUse"], Golden.Input("claude-post-tool-use", empty.Directory), 0, string.Empty);
        }

        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.OtherAgentAsync("codex");
        await codex.AcquireLockAsync(Path.Combine(mesh.Project, "src/auth/login.cs"), "rewriting", cancellationToken: Ct);
        string home = mesh.Home.Directory;
        await MeasureAsync(program, home, "status", ["status"], null, 0, "Broker running");
        await MeasureAsync(program, home, "peers", ["peers"], null, 0, "claude");
        await MeasureAsync(program, home, "lock list --json", ["lock", "list", "--json"], null, 0, "rewriting");
        await MeasureAsync(program, home, "send (ephemeral identity)", ["send", "claude", "hello"], null, 0, "Sent to claude");
        await claude.AcknowledgeAsync((await claude.ReadInboxAsync(limit: 100, cancellationToken: Ct)).Select(m => m.Id), Ct);
        await MeasureAsync(program, home, "hook PostToolUse, nothing new", ["hook", "PostToolUse"], Golden.Input("claude-post-tool-use", mesh.Project), 0, string.Empty);
        await MeasureAsync(program, home, "hook PreToolUse, allowed (Bash)", ["hook", "PreToolUse"], $$$"""{"hook_event_name":"PreToolUse","cwd":"{{{mesh.Project}}}","tool_name":"Bash","tool_input":{"command":"ls"}}""", 0, string.Empty);
        await MeasureAsync(program, home, "hook PreToolUse, allowed (Write, no lock)", ["hook", "PreToolUse"], Golden.Input("claude-pre-tool-use-write", mesh.Project).Replace("login.cs", "other.cs", StringComparison.Ordinal), 0, string.Empty);
        await MeasureAsync(program, home, "hook PreToolUse, denied (Write, locked)", ["hook", "PreToolUse"], Golden.Input("claude-pre-tool-use-write", mesh.Project), 0, "\"deny\"");
        await MeasureAsync(
            program,
            home,
            "hook PostToolUse, one new message",
            ["hook", "PostToolUse"],
            Golden.Input("claude-post-tool-use", mesh.Project),
            0,
            "additionalContext",
            before: () => codex.SendAsync("claude", "ping", cancellationToken: Ct));
    }

    private async Task MeasureAsync(string program, string home, string what, string[] args, string? stdin, int exitCode, string expected, Func<Task>? before = null)
    {
        var times = new List<double>();
        for (int i = 0; i < Runs + 2; i++)
        {
            if (before is not null)
            {
                await before();
            }

            var start = new ProcessStartInfo(program)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment[MeshHome.HomeVariable] = home;
            var watch = Stopwatch.StartNew();
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync(Ct);
            await process.StandardInput.WriteAsync(stdin ?? string.Empty);
            process.StandardInput.Close();
            await process.WaitForExitAsync(Ct);
            watch.Stop();
            string text = await output;
            Assert.Equal(exitCode, process.ExitCode);
            Assert.Contains(expected, text, StringComparison.Ordinal);

            // The first two runs warm the disk cache and the broker.
            if (i >= 2)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {times[times.Count / 2]:0} | {times[(int)(times.Count * 0.9)]:0} | {times[0]:0} |"));
    }
}
