namespace SlmMesh.LoadTest;

/// <summary>
/// Stops the brokers hosts started: a broker outlives the host that started it, by design. Once the hosts are
/// gone (else they would start a new one), the broker answering in each home is asked to shut down, and any
/// broker process still running after 10 s is killed.
/// </summary>
internal static class HomeBrokers
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Stops the broker serving each of <paramref name="homes"/> and waits until they and <paramref name="knownBrokers"/> are gone; returns how many had to be killed.</summary>
    public static async Task<int> StopAsync(IEnumerable<string> homes, IEnumerable<int> knownBrokers)
    {
        var pids = new HashSet<int>(knownBrokers);
        int killed = 0;
        foreach (string home in homes)
        {
            if (await ShutdownAnsweringAsync(home) is { } answering)
            {
                pids.Add(answering);
            }
        }

        foreach (int pid in pids)
        {
            if (!await ExitedWithinAsync(pid, ExitTimeout))
            {
                Console.Error.WriteLine($"The broker {pid} did not stop within {ExitTimeout.TotalSeconds:0} s; killing it.");
                Kill(pid);
                killed++;
            }
        }

        return killed;
    }

    /// <summary>Asks the broker serving <paramref name="home"/>, if any answers, to shut down; returns its pid.</summary>
    private static async Task<int?> ShutdownAnsweringAsync(string home)
    {
        MeshClientOptions options = MeshUnderTest.ClientOptions(home, "cleanup") with { Role = MeshClientRole.Observer, ConnectTimeout = TimeSpan.FromSeconds(2) };
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await using MeshClient client = await MeshClient.ConnectAsync(options, timeout.Token);
            int pid = (await client.GetStatusAsync(timeout.Token)).ProcessId;
            try
            {
                await client.ShutdownBrokerAsync(timeout.Token);
            }
            catch (IOException)
            {
                // The broker closed the connection before its answer came: it is stopping either way.
            }

            return pid;
        }
        catch (MeshException ex) when (ex.Code is MeshErrorCode.Unavailable or MeshErrorCode.Timeout or MeshErrorCode.Unauthorized)
        {
            // Nothing answers: no broker was started here, or it stopped already.
            return null;
        }
    }

    private static async Task<bool> ExitedWithinAsync(int pid, TimeSpan timeout)
    {
        // Not Process.WaitForExitAsync: the broker is not this process's child, and may stay a zombie for a while.
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        using var timer = new PeriodicTimer(Poll);
        while (Machine.IsRunning(pid))
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await timer.WaitForNextTickAsync();
        }

        return true;
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Gone meanwhile.
        }
    }
}
