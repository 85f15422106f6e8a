using System.Diagnostics;
using System.Runtime.InteropServices;
using SlmMesh.LoadTest.Scenarios;

namespace SlmMesh.LoadTest;

/// <summary>Runs the chosen scenarios, each against a fresh broker and home, and reports.</summary>
internal static class Runner
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        // The hosts scenario runs built programs: say at once what to build, rather than after the other scenarios.
        HostPrograms? programs = null;
        if (options.Scenarios.Contains(HostsScenario.Name, StringComparer.Ordinal))
        {
            programs = HostPrograms.Find(options, out IReadOnlyList<string> problems);
            if (programs is null)
            {
                foreach (string problem in problems)
                {
                    Console.Error.WriteLine(problem);
                }

                return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl-C unwinds (closing clients, stopping the broker, deleting homes); a second one kills.
            e.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
            Console.Error.WriteLine("Stopping: cleaning up the broker and the temporary home…");
        };
        Console.CancelKeyPress += onCancel;
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        Report.PrintHeader(options);
        var results = new List<ScenarioResult>();
        try
        {
            foreach (string name in options.Scenarios)
            {
                ScenarioResult result = await RunScenarioAsync(name, options, programs, stop.Token);
                results.Add(result);
                Report.PrintScenario(result, options);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        if (options.Json)
        {
            Report.PrintJson(results, options);
        }

        return results.Any(r => r.Error is not null) ? 1 : 0;
    }

    private static async Task<ScenarioResult> RunScenarioAsync(string name, LoadOptions options, HostPrograms? programs, CancellationToken cancellationToken)
    {
        (string description, Func<MeshUnderTest, ScenarioResult, CancellationToken, Task> run) = name switch
        {
            LatencyScenario.Name => (LatencyScenario.Description, (Func<MeshUnderTest, ScenarioResult, CancellationToken, Task>)LatencyScenario.RunAsync),
            ThroughputScenario.Name => (ThroughputScenario.Description, ThroughputScenario.RunAsync),
            LockScenario.Name => (LockScenario.Description, LockScenario.RunAsync),
            StateScenario.Name => (StateScenario.Description, StateScenario.RunAsync),
            MemoryScenario.Name => (MemoryScenario.Description, MemoryScenario.RunAsync),
            ThousandPeersScenario.Name => (ThousandPeersScenario.Description, ThousandPeersScenario.RunAsync),
            HostsScenario.Name => (HostsScenario.Description, (mesh, result, ct) => HostsScenario.RunAsync(mesh, programs!, result, ct)),
            _ => throw new ArgumentException($"Unknown scenario '{name}'.", nameof(name)),
        };
        var result = new ScenarioResult(name, description) { LoadBefore = Machine.LoadAverage() };
        var clock = Stopwatch.StartNew();
        try
        {
            await using MeshUnderTest mesh = await MeshUnderTest.StartAsync(options, cancellationToken);
            await run(mesh, result, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result.Error = ex.GetType().Name + ": " + ex.Message;
        }

        result.Seconds = clock.Elapsed.TotalSeconds;
        result.LoadAfter = Machine.LoadAverage();
        return result;
    }
}
