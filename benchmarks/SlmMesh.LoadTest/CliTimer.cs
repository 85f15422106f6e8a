using System.Diagnostics;

namespace SlmMesh.LoadTest;

/// <summary>
/// Wall time of <c>slm-mesh</c> processes, from spawn to exit with stdin written and closed and the output read:
/// what an agent pays for a hook on every tool call, and a person for a command. Every answer is checked (exit
/// code and output), so a broken build fails the scenario instead of producing fast figures.
/// </summary>
internal sealed class CliTimer(HostProgram program, LoadOptions options, ScenarioResult result)
{
    /// <summary>Runs before the measured ones, for the page cache and the broker.</summary>
    private const int WarmUps = 2;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Times <c>Count(20)</c> invocations (within the phase cap) after the warm-ups, in <paramref name="cwd"/> with <c>SLM_MESH_HOME</c> = <paramref name="home"/>.</summary>
    public async Task MeasureAsync(CliCase invocation, string home, string cwd, CancellationToken cancellationToken)
    {
        int runs = options.Count(20);
        var samples = new LatencySamples(runs);
        long deadline = Environment.TickCount64 + (long)options.PhaseCap.TotalMilliseconds;
        for (int i = 0; i < WarmUps + runs && (i < WarmUps || Environment.TickCount64 < deadline); i++)
        {
            if (invocation.Before is not null)
            {
                await invocation.Before();
            }

            CliRun run = await RunAsync(invocation, home, cwd, cancellationToken);
            bool right = run.ExitCode == 0 && (invocation.Expected is null
                ? string.IsNullOrWhiteSpace(run.Output)
                : run.Output.Contains(invocation.Expected, StringComparison.Ordinal));
            if (!right)
            {
                string wanted = invocation.Expected is null ? "no output" : $"output containing '{invocation.Expected}'";
                throw new InvalidOperationException($"{invocation.Label}: expected exit 0 and {wanted}; got exit {run.ExitCode}, stdout: {run.Output.Trim()} stderr: {run.Error.Trim()}");
            }

            if (i >= WarmUps)
            {
                samples.Add(run.Ticks);
            }
        }

        result.AddMilliseconds(invocation.Key, invocation.Label, samples.Summarize(), invocation.Goal);
    }

    private async Task<CliRun> RunAsync(CliCase invocation, string home, string cwd, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program.Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cwd,
        };
        foreach (string argument in invocation.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[MeshHome.HomeVariable] = home;
        start.Environment.Remove(MeshClientOptions.NameVariable);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunTimeout);
        long begin = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program.Executable}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.StandardInput.WriteAsync(invocation.Stdin.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{invocation.Label}: {program.Executable} did not exit within {RunTimeout.TotalSeconds:0} s.");
        }

        long ticks = Stopwatch.GetTimestamp() - begin;
        return new CliRun(process.ExitCode, await output, await error, ticks);
    }
}
