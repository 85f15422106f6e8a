using System.Diagnostics;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SlmMesh.LoadTest.Scenarios;

/// <summary>
/// The hosts as agents run them: real processes of a given build (<c>--mcp-exe</c>, <c>--cli-exe</c>; the
/// scenario notes which, and whether JIT or Native AOT). MCP host, through the MCP C# SDK's stdio client, each
/// host starting its own broker as in real use: spawn → <c>initialize</c> answered, cold (a new home each time:
/// no broker, no database) and warm (a home whose broker already serves a resident host and a client of this
/// tool); then <c>tools/call</c> round trips from the resident host's client, one at a time, after a warm-up.
/// CLI and hooks: <see cref="CliAsync"/>. Not in the default run: it needs the hosts built.
/// </summary>
internal static partial class HostsScenario
{
    public const string Name = "hosts";
    public const string Description = "slm-mesh-mcp spawn→initialize (cold, warm) and tools/call round trip; slm-mesh command and hook wall times";

    // The issue's goals are for the Native AOT builds (the ones to install where start time matters).
    public static readonly Goal ColdGoal = Goal.Max(150, "≤ 150 ms (AOT)");
    public static readonly Goal WarmGoal = Goal.Max(80, "≤ 80 ms (AOT)");
    public static readonly Goal ToolCallGoal = Goal.Max(300, "≤ 300 µs (AOT)");
    public static readonly Goal HookGoal = Goal.Max(30, "≤ 30 ms (AOT)");

    public static async Task RunAsync(MeshUnderTest mesh, HostPrograms programs, ScenarioResult result, CancellationToken cancellationToken)
    {
        result.Note("mcp", programs.Mcp.Describe());
        result.Note("cli", programs.Cli.Describe());
        await McpHostAsync(programs.Mcp, mesh.Options, result, cancellationToken);
        await CliAsync(mesh, programs.Cli, result, cancellationToken);
    }

    private static async Task McpHostAsync(HostProgram program, LoadOptions o, ScenarioResult result, CancellationToken cancellationToken)
    {
        await using var hosts = new McpHosts(program);

        // One spawn first, not counted: the program into the page cache, and this side (the SDK client) warmed up.
        await ColdSpawnAsync(hosts, "warm-up", cancellationToken);
        var cold = new LatencySamples();
        long deadline = Environment.TickCount64 + (long)o.PhaseCap.TotalMilliseconds;
        for (int i = 0; i < o.Count(20) && Environment.TickCount64 < deadline; i++)
        {
            cold.Add(await ColdSpawnAsync(hosts, $"cold-{i}", cancellationToken));
        }

        string home = hosts.NewHome();
        McpClient resident = await hosts.StartAsync(home, "resident", cancellationToken);
        try
        {
            await hosts.RememberBrokerAsync(resident, home, cancellationToken);
            LatencySummary peers;
            LatencySummary status;
            await using (MeshClient watcher = await MeshClient.ConnectAsync(MeshUnderTest.ClientOptions(home, "watcher"), cancellationToken))
            {
                // Tool calls before the warm spawns, which leave their peers behind for a while.
                peers = await ToolCallsAsync(resident, "mesh_peers", o, text => text.Contains("watcher", StringComparison.Ordinal), cancellationToken);
                status = await ToolCallsAsync(resident, "mesh_status", o, text => text.Contains(home, StringComparison.Ordinal), cancellationToken);
            }

            await McpHosts.StopAsync(await hosts.StartAsync(home, "warm-up", cancellationToken));
            var warm = new LatencySamples();
            deadline = Environment.TickCount64 + (long)o.PhaseCap.TotalMilliseconds;
            for (int i = 0; i < o.Count(40) && Environment.TickCount64 < deadline; i++)
            {
                long start = Stopwatch.GetTimestamp();
                McpClient client = await hosts.StartAsync(home, $"warm-{i}", cancellationToken);
                warm.Add(Stopwatch.GetTimestamp() - start);
                await McpHosts.StopAsync(client);
            }

            result.AddMilliseconds("mcp.cold", "MCP host spawn→initialize, cold (new home, no broker)", cold.Summarize(), ColdGoal);
            result.AddMilliseconds("mcp.warm", "MCP host spawn→initialize, warm (broker serving 2 peers)", warm.Summarize(), WarmGoal);
            result.AddLatency("mcp.peers", "tools/call mesh_peers round trip", peers, ToolCallGoal);
            result.AddLatency("mcp.status", "tools/call mesh_status round trip", status);
        }
        finally
        {
            await hosts.EndAsync(resident, home);
        }
    }

    /// <summary>A host in a new home, timed to its answer to <c>initialize</c>; then asked for its broker, and both ended.</summary>
    private static async Task<long> ColdSpawnAsync(McpHosts hosts, string name, CancellationToken cancellationToken)
    {
        string home = hosts.NewHome();
        long start = Stopwatch.GetTimestamp();
        McpClient client = await hosts.StartAsync(home, name, cancellationToken);
        long ticks = Stopwatch.GetTimestamp() - start;
        try
        {
            await hosts.RememberBrokerAsync(client, home, cancellationToken);
        }
        finally
        {
            await hosts.EndAsync(client, home);
        }

        return ticks;
    }

    /// <summary><c>Count(200)</c> calls of warm-up (the last one's text checked), then <c>Count(2000)</c> timed, one at a time.</summary>
    private static async Task<LatencySummary> ToolCallsAsync(McpClient client, string tool, LoadOptions o, Func<string, bool> isRight, CancellationToken cancellationToken)
    {
        CallToolResult? last = null;
        await Workloads.TimeEachAsync(async _ => last = await McpHosts.CallAsync(client, tool, cancellationToken), o.Count(200), o.PhaseCap, null, cancellationToken);
        if (last is null || !isRight(McpHosts.Text(last)))
        {
            throw new InvalidOperationException($"{tool} did not answer as expected: {(last is null ? "(no call)" : McpHosts.Text(last))}");
        }

        var samples = new LatencySamples(o.Count(2000));
        await Workloads.TimeEachAsync(async _ => await McpHosts.CallAsync(client, tool, cancellationToken), o.Count(2000), o.PhaseCap, samples, cancellationToken);
        return samples.Summarize();
    }
}
