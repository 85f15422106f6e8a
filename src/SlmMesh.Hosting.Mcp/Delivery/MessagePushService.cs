using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlmMesh.Hosting.Mcp.Delivery;

/// <summary>Once the mesh client is connected, pushes each arriving message to the MCP client (never acknowledging it).</summary>
internal sealed partial class MessagePushService(IMeshClientProvider provider, ClientNotifier notifier, ILogger<MessagePushService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once arrivals are being pushed.</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        MeshClient client;
        while (true)
        {
            try
            {
                client = await provider.GetClientAsync(stoppingToken).ConfigureAwait(false);
                break;
            }
            catch (MeshException ex)
            {
                // Tools report the failure to the agent; keep trying so pushes start once the broker is there.
                Log.NotConnected(logger, ex.Message);
                await Task.Delay(RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }

        using IDisposable registration = client.OnMessage(notifier.MessageArrivedAsync);
        _listening.TrySetResult();
        await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Not connected to the mesh yet: {Reason}")]
        public static partial void NotConnected(ILogger logger, string reason);
    }
}
