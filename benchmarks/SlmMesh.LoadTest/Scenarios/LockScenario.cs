using System.Globalization;

namespace SlmMesh.LoadTest.Scenarios;

/// <summary>
/// Lock acquire + release, one pair at a time from one peer, timed as a pair (two durable round trips:
/// each grant and release is stored, with its event, before the answer). Once on an empty lock table, once
/// with 100 locks (50 files, 50 globs) held by another peer, so every request is checked against them.
/// </summary>
internal static class LockScenario
{
    public const string Name = "locks";
    public const string Description = "lock acquire+release pair round trip, alone and with 100 other locks held (50 of them globs)";

    public static readonly Goal P50 = Goal.Max(100, "≤ 100 µs");

    private const int Files = 64;

    public static async Task RunAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        LoadOptions o = mesh.Options;
        MeshClient[] peers = await mesh.ConnectManyAsync(2, "locker-", 2, cancellationToken);
        MeshClient locker = peers[0];
        string[] paths = [.. Enumerable.Range(0, Files).Select(i => Path.Combine(mesh.Home, "src", $"file{i.ToString(CultureInfo.InvariantCulture)}.cs"))];
        async Task PairAsync(int i)
        {
            string path = paths[i % Files];
            await locker.AcquireLockAsync(path, "load test", cancellationToken: cancellationToken);
            if (!await locker.ReleaseLockAsync(path, cancellationToken))
            {
                throw new InvalidOperationException($"The lock on {path} was not held at release.");
            }
        }

        try
        {
            await Workloads.TimeEachAsync(PairAsync, o.Count(5_000), o.PhaseCap, null, cancellationToken);
            var alone = new LatencySamples(o.Count(20_000));
            await Workloads.TimeEachAsync(PairAsync, o.Count(20_000), o.PhaseCap, alone, cancellationToken);
            result.AddLatency("pair", "acquire+release pair", alone.Summarize(), P50);

            MeshClient holder = peers[1];
            for (int i = 0; i < 50; i++)
            {
                string n = i.ToString(CultureInfo.InvariantCulture);
                await holder.AcquireLockAsync(Path.Combine(mesh.Home, "held", $"file{n}.cs"), cancellationToken: cancellationToken);
                await holder.AcquireLockAsync(Path.Combine(mesh.Home, "held", $"dir{n}", "**"), cancellationToken: cancellationToken);
            }

            await Workloads.TimeEachAsync(PairAsync, o.Count(2_000), o.PhaseCap, null, cancellationToken);
            var crowded = new LatencySamples(o.Count(20_000));
            await Workloads.TimeEachAsync(PairAsync, o.Count(20_000), o.PhaseCap, crowded, cancellationToken);
            result.AddLatency("pair100", "acquire+release pair, 100 other locks held", crowded.Summarize(), P50);
        }
        finally
        {
            await mesh.CloseAsync(peers);
        }
    }
}
