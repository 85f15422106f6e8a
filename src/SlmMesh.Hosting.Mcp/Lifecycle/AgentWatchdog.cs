using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlmMesh.Discovery;

namespace SlmMesh.Hosting.Mcp.Lifecycle;

/// <summary>
/// Stops the host when the agent that launched it dies, even if its stdin stays open (a crashed agent's
/// orphaned server must not stay on the mesh as a ghost peer).
/// </summary>
internal sealed partial class AgentWatchdog(IOptions<MeshClientOptions> options, IHostApplicationLifetime lifetime, ILogger<AgentWatchdog> logger) : BackgroundService
{
    /// <summary>Well inside the "exit within a second" promise.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AgentProcessId is not { } agent || agent <= 1 || agent == Environment.ProcessId)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!ProcessTree.IsAlive(agent))
                {
                    Log.AgentExited(logger, agent);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "The agent process {Pid} exited; stopping")]
        public static partial void AgentExited(ILogger logger, int pid);
    }
}
