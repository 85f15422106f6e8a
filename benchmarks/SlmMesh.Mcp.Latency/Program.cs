using System.Diagnostics;
using System.Globalization;
using ModelContextProtocol.Client;

// Usage: SlmMesh.Mcp.Latency <server command> [server args...]
//   e.g. SlmMesh.Mcp.Latency src/SlmMesh.Hosting.Mcp/bin/Release/net10.0/slm-mesh-mcp   (JIT, apphost)
//        SlmMesh.Mcp.Latency /tmp/slm-aot/slm-mesh-mcp                                   (Native AOT)
// Environment: SPAWNS (default 20) and CALLS (default 2000). Uses a fresh temp mesh home and stops its broker at the end.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: SlmMesh.Mcp.Latency <server command> [args...]");
    return 2;
}

int spawns = int.Parse(Environment.GetEnvironmentVariable("SPAWNS") ?? "20", CultureInfo.InvariantCulture);
int calls = int.Parse(Environment.GetEnvironmentVariable("CALLS") ?? "2000", CultureInfo.InvariantCulture);
string home = Path.Combine(Path.GetTempPath(), "slm-lat-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(home);
var options = new McpClientOptions { ProtocolVersion = "2025-11-25" };

StdioClientTransport Transport(string name) => new(new StdioClientTransportOptions
{
    Name = name,
    Command = args[0],
    Arguments = args[1..],
    WorkingDirectory = home,
    EnvironmentVariables = new Dictionary<string, string?> { ["SLM_MESH_HOME"] = home, ["SLM_MESH_NAME"] = name },
});

async Task<double> SpawnAsync(string name)
{
    var clock = Stopwatch.StartNew();
    McpClient client = await McpClient.CreateAsync(Transport(name), options);
    double ms = clock.Elapsed.TotalMilliseconds;
    await client.DisposeAsync();
    return ms;
}

try
{
    // Warm up the client side (JIT of this program), then cold starts: a new home each time, no broker, no database.
    await SpawnAsync("warmup");
    var cold = new List<double>();
    for (int i = 0; i < Math.Min(spawns, 5); i++)
    {
        string coldHome = Path.Combine(home, "cold-" + i);
        var clock = Stopwatch.StartNew();
        McpClient client = await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "cold",
                Command = args[0],
                Arguments = args[1..],
                WorkingDirectory = home,
                EnvironmentVariables = new Dictionary<string, string?> { ["SLM_MESH_HOME"] = coldHome },
            }),
            options);
        cold.Add(clock.Elapsed.TotalMilliseconds);
        await StopBrokerAsync(client);
        await client.DisposeAsync();
    }

    // Warm: a broker and another peer are already there.
    await using McpClient resident = await McpClient.CreateAsync(Transport("resident"), options);
    await resident.CallToolAsync("mesh_status");
    var warm = new List<double>();
    for (int i = 0; i < spawns; i++)
    {
        warm.Add(await SpawnAsync("warm-" + i));
    }

    Report("spawn -> initialize, cold (new home)", cold);
    Report("spawn -> initialize, warm (broker running)", warm);

    foreach (string tool in new[] { "mesh_peers", "mesh_status" })
    {
        for (int i = 0; i < 200; i++)
        {
            await resident.CallToolAsync(tool);
        }

        var roundTrips = new List<double>(calls);
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await resident.CallToolAsync(tool);
            roundTrips.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        Report($"tools/call {tool} round trip", roundTrips);
    }

    await StopBrokerAsync(resident);
    return 0;
}
finally
{
    try
    {
        Directory.Delete(home, recursive: true);
    }
    catch (IOException)
    {
    }
}

static void Report(string what, List<double> samples)
{
    samples.Sort();
    double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-45} n={samples.Count,5}  p50={P(0.50),8:0.000} ms  p99={P(0.99),8:0.000} ms  min={samples[0],8:0.000} ms"));
}

// The broker outlives its hosts by design: ask it to stop so the measurement leaves nothing behind.
static async Task StopBrokerAsync(McpClient client)
{
    var status = await client.CallToolAsync("mesh_status");
    if (status.StructuredContent is { } json && json.TryGetProperty("brokerPid", out var pid))
    {
        try
        {
            using Process broker = Process.GetProcessById(pid.GetInt32());
            broker.Kill();
        }
        catch (ArgumentException)
        {
        }
    }
}
