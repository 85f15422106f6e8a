namespace SlmMesh;

/// <summary>
/// How a client starts a broker when none answers. Called repeatedly while the client waits, by any
/// number of clients at once: an implementation must be idempotent and cheap when a broker is already
/// starting (the election lock decides who actually serves).
/// </summary>
public interface IBrokerLauncher
{
    /// <summary>Starts a broker for <paramref name="home"/> unless one is running or starting.</summary>
    /// <param name="home">The mesh home.</param>
    /// <param name="cancellationToken">Stops starting.</param>
    /// <returns>A task that completes when the start was attempted; the client then connects.</returns>
    ValueTask StartAsync(MeshHome home, CancellationToken cancellationToken);
}
