using System.Runtime.InteropServices;

namespace SlmMesh.LoadTest;

/// <summary>
/// The <c>peers</c> role: an extra client process holding idle peers (for the 1,000-peer scenario), so that
/// their connections do not all live in the measuring process. Prints <see cref="Ready"/> once all are
/// registered, then stays until its stdin closes.
/// </summary>
internal static class PeersRole
{
    public const string Ready = "ready";

    public static async Task<int> RunAsync(string home, int count, string prefix)
    {
        var stop = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        Lifeline.StopWhenInputEnds(stop);
        var clients = new MeshClient[count];
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stop.Token }, async (i, ct) =>
                clients[i] = await MeshClient.ConnectAsync(MeshUnderTest.ClientOptions(home, prefix + i), ct));
            Console.WriteLine(Ready);
            Console.Out.Flush();
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
            return 0;
        }
        catch (Exception ex) when (ex is MeshException or OperationCanceledException)
        {
            Console.WriteLine("failed: " + ex.Message);
            return 1;
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Parallel.ForEachAsync(clients.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 32 }, (c, _) => c.DisposeAsync())
                .WaitAsync(timeout.Token)
                .ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }
}
