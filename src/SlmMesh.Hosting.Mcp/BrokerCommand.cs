using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SlmMesh.Hosting.Mcp.Lifecycle;

namespace SlmMesh.Hosting.Mcp;

/// <summary>
/// The hidden <c>broker</c> command: the same binary, started detached by <see cref="ProcessBrokerLauncher"/>,
/// runs the mesh broker so that it outlives the agent session that started it.
/// </summary>
internal static class BrokerCommand
{
    public const string Name = "broker";

    public static async Task<int> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return await MeshBrokerProcess.RunAsync(
            new MeshBrokerOptions(),
            detach: true,
            HostLogging.LevelFromEnvironment(LogLevel.Information),
            stop.Token).ConfigureAwait(false);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
