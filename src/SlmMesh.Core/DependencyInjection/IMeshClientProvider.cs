namespace SlmMesh;

/// <summary>
/// The application's one <see cref="MeshClient"/>, connected in the background when the host starts.
/// Ask for it where it is needed; the first callers wait until it is connected.
/// </summary>
public interface IMeshClientProvider
{
    /// <summary>The client once connected, else null.</summary>
    MeshClient? Current { get; }

    /// <summary>Returns the connected client, connecting first if needed (a failed attempt is retried by the next call).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The client.</returns>
    ValueTask<MeshClient> GetClientAsync(CancellationToken cancellationToken = default);
}
