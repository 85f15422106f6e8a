using SlmMesh.Lifecycle;

namespace SlmMesh.Cli.Mesh;

/// <summary>Probing, starting and stopping the home's broker for <c>status</c>, <c>start</c>, <c>stop</c> and <c>doctor</c>.</summary>
internal static class BrokerControl
{
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(10);

    /// <summary>The running broker's status, or null (with the reason) when none answers. Never starts one.</summary>
    public static async Task<BrokerProbe> ProbeAsync(CliContext context, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (!MeshConnector.LooksRunning(context.Home))
        {
            // Connecting would create the home; with no token or socket there is nothing to connect to anyway.
            return new BrokerProbe(null, new MeshException(MeshErrorCode.Unavailable, $"No broker is running for {context.Home.Directory}."));
        }

        try
        {
            await using MeshClient client = await MeshConnector.ExistingObserverAsync(context, cancellationToken, timeout);
            return new BrokerProbe(await client.GetStatusAsync(cancellationToken), null);
        }
        catch (MeshException ex) when (ex.Code is MeshErrorCode.Unavailable or MeshErrorCode.Timeout or MeshErrorCode.Unauthorized or MeshErrorCode.UnsupportedVersion)
        {
            return new BrokerProbe(null, ex);
        }
    }

    /// <summary>Starts a detached broker (unless one runs) and waits until it answers.</summary>
    public static async Task<BrokerStatus> StartAsync(CliContext context, IReadOnlyList<string> brokerArguments, CancellationToken cancellationToken)
    {
        var options = new MeshClientOptions
        {
            Home = context.Home.Directory,
            Cwd = context.CurrentDirectory,
            ClientName = MeshConnector.ClientName,
            Role = MeshClientRole.Observer,
            Reconnect = false,
            BrokerLauncher = context.BrokerLauncher(brokerArguments),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        await using MeshClient client = await MeshClient.ConnectAsync(options, cancellationToken);
        return await client.GetStatusAsync(cancellationToken);
    }

    /// <summary>
    /// Asks the broker to stop and waits until it is gone: its token removed (or replaced by a newer broker's),
    /// its socket closed and its election lock free. Returns false when it was still there after the patience ran out.
    /// </summary>
    public static async Task<bool> StopAsync(MeshClient client, MeshHome home, CancellationToken cancellationToken)
    {
        string? token = home.ReadToken();
        await client.ShutdownBrokerAsync(cancellationToken);
        long deadline = Environment.TickCount64 + (long)StopPatience.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            string? now = home.ReadToken();
            // Gone: its token removed, its socket closed and its election lock released (or a newer broker took over).
            if (!string.Equals(now, token, StringComparison.Ordinal) && (now is not null || (!File.Exists(home.SocketPath) && !BrokerLock.IsHeld(home))))
            {
                return true;
            }

            // The broker removes its files as it finishes: check again shortly (a poll, not a synchronisation).
            await Task.Delay(20, cancellationToken);
        }

        return false;
    }
}
