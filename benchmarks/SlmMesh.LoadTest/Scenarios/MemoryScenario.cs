namespace SlmMesh.LoadTest.Scenarios;

/// <summary>
/// The broker process's resident memory (VmRSS in <c>/proc/&lt;pid&gt;/status</c>) idle after start, and after a
/// flood of 100,000 messages (8 senders, pipelined, receivers taking them); the WAL (<c>mesh.db-wal</c>)
/// after the flood and its largest size seen during it (sampled every 50 ms).
/// </summary>
internal static class MemoryScenario
{
    public const string Name = "memory";
    public const string Description = "broker RSS idle and after a 100k-message flood; WAL size after (and during) the flood";

    public static readonly Goal IdleGoal = Goal.Max(25, "≤ 25 MiB");
    public static readonly Goal LoadedGoal = Goal.Max(40, "≤ 40 MiB");
    public static readonly Goal WalGoal = Goal.Max(64, "≤ 64 MiB");

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(MeshUnderTest mesh, ScenarioResult result, CancellationToken cancellationToken)
    {
        // Idle: started, one peer connected (the anchor), nothing else; a moment for start-up work to end.
        await Task.Delay(Settle, cancellationToken);
        result.Add("idle.rssMiB", "broker RSS, idle after start", MiB(mesh.BrokerRssKiB), "MiB", IdleGoal);

        string wal = mesh.DatabasePath + "-wal";
        long walPeak = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sampler = Task.Run(
            async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
                while (await timer.WaitForNextTickAsync(sampling.Token))
                {
                    walPeak = Math.Max(walPeak, Machine.FileBytes(wal));
                }
            },
            CancellationToken.None);

        long rssAfter = 0;
        long walAfter = 0;
        long dbAfter = 0;
        PipelineResult flood;
        try
        {
            flood = await ThroughputScenario.FloodAsync(mesh, 8, 0, mesh.Options.Count(100_000), cancellationToken, _ =>
            {
                rssAfter = mesh.BrokerRssKiB;
                walAfter = Machine.FileBytes(wal);
                dbAfter = Machine.FileBytes(mesh.DatabasePath);
            });
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler.ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }

        result.Add("flood.messages", "messages in the flood", flood.Completed, "");
        result.Add("flood.rssMiB", "broker RSS after the flood", MiB(rssAfter), "MiB", LoadedGoal);
        result.Add("flood.peakRssMiB", "broker peak RSS (VmHWM) so far", MiB(mesh.BrokerPeakRssKiB), "MiB");
        result.Add("flood.walMiB", "WAL after the flood", walAfter / 1048576.0, "MiB", WalGoal);
        result.Add("flood.walPeakMiB", "largest WAL seen during the flood", Math.Max(walPeak, walAfter) / 1048576.0, "MiB", WalGoal);
        result.Add("flood.databaseMiB", "mesh.db after the flood", dbAfter / 1048576.0, "MiB");
    }

    private static double MiB(long kib) => kib / 1024.0;
}
