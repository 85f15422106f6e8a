using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace SlmMesh.LoadTest;

/// <summary>
/// The <c>broker</c> role: this tool as the broker process, exactly as the hosts run it
/// (<see cref="MeshBrokerProcess.RunAsync"/>), but not detached, and stopping when its stdin closes.
/// </summary>
internal static class BrokerRole
{
    public static async Task<int> RunAsync(string home)
    {
        // Never disposed: the lifeline thread and the signal handlers may fire while the process exits.
        var stop = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        Lifeline.StopWhenInputEnds(stop);
        int exitCode = await MeshBrokerProcess.RunAsync(new MeshBrokerOptions { Home = home }, detach: false, LogLevel.Information, stop.Token);

        // The home is the runner's temporary folder: when the runner was killed outright, nobody else deletes it.
        if (stop.IsCancellationRequested)
        {
            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return exitCode;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
