using System.Globalization;

namespace SlmMesh.LoadTest.Scenarios;

/// <summary>
/// Shared state: set (a durable write with its event) and get, one at a time (latency) and pipelined from
/// one peer with 64 requests in flight (operations per second), over 1,000 keys of 100-character values.
/// </summary>
internal static class StateScenario
{
    public const string Name = "state";
    public const string Description = "state set/get: one at a time (p50/p99) and pipelined, 64 in flight (operations/s)";

    private const int Keys = 1_000;
    private const int InFlight = 64;

    public static async Task RunAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        LoadOptions o = mesh.Options;
        MeshClient client = await mesh.ConnectAsync("state", cancellationToken);
        string[] keys = [.. Enumerable.Range(0, Keys).Select(i => "key-" + i.ToString(CultureInfo.InvariantCulture))];
        string value = new('v', 100);
        Task SetAsync(int i) => client.SetStateAsync(keys[i % Keys], value, "load", cancellationToken: cancellationToken);
        async Task GetAsync(int i)
        {
            if (await client.GetStateAsync(keys[i % Keys], "load", cancellationToken) is null)
            {
                throw new InvalidOperationException($"Key {keys[i % Keys]} is missing.");
            }
        }

        int counter = 0;
        Task SetNextAsync(int worker) => SetAsync(Interlocked.Increment(ref counter));
        Task GetNextAsync(int worker) => GetAsync(Interlocked.Increment(ref counter));
        try
        {
            await Workloads.TimeEachAsync(SetAsync, o.Count(5_000), o.PhaseCap, null, cancellationToken);
            await Workloads.TimeEachAsync(GetAsync, o.Count(5_000), o.PhaseCap, null, cancellationToken);
            var sets = new LatencySamples(o.Count(20_000));
            await Workloads.TimeEachAsync(SetAsync, o.Count(20_000), o.PhaseCap, sets, cancellationToken);
            var gets = new LatencySamples(o.Count(20_000));
            await Workloads.TimeEachAsync(GetAsync, o.Count(20_000), o.PhaseCap, gets, cancellationToken);
            result.AddLatency("set", "set, one at a time", sets.Summarize());
            result.AddLatency("get", "get, one at a time", gets.Summarize());

            PipelineResult setRun = await Workloads.PipelineAsync(InFlight, SetNextAsync, o.Count(100_000), o.PhaseCap, cancellationToken);
            PipelineResult getRun = await Workloads.PipelineAsync(InFlight, GetNextAsync, o.Count(100_000), o.PhaseCap, cancellationToken);
            result.Add("set.perSecond", "set, pipelined, operations/s", setRun.PerSecond, "ops/s");
            result.Add("get.perSecond", "get, pipelined, operations/s", getRun.PerSecond, "ops/s");
        }
        finally
        {
            await mesh.CloseAsync([client]);
        }
    }
}
