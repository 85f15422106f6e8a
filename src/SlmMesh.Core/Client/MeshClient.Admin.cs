using SlmMesh.Transport.Messages;

namespace SlmMesh;

public sealed partial class MeshClient
{
    /// <summary>Broker health and statistics.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status.</returns>
    public Task<BrokerStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        RequestAsync<BrokerStatus>(MeshOperations.Status, EmptyBody.Instance, cancellationToken);

    /// <summary>Prunes read and expired messages, old events and expired locks now, and compacts the database.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What was pruned.</returns>
    public Task<CleanResponse> CleanAsync(CancellationToken cancellationToken = default) =>
        RequestAsync<CleanResponse>(MeshOperations.Clean, EmptyBody.Instance, cancellationToken);

    /// <summary>Asks the broker to stop. Connected clients that reconnect will start a new one.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the broker acknowledged.</returns>
    public Task ShutdownBrokerAsync(CancellationToken cancellationToken = default) =>
        RequestAsync<EmptyBody>(MeshOperations.Shutdown, EmptyBody.Instance, cancellationToken, retry: false);

    /// <summary>A round trip to the broker.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the broker answered.</returns>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        RequestAsync<EmptyBody>(MeshOperations.Ping, EmptyBody.Instance, cancellationToken);
}
