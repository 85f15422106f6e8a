using SlmMesh.Transport.Messages;

namespace SlmMesh;

public sealed partial class MeshClient
{
    /// <summary>Reads a shared key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="namespace">The namespace; null means <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entry, or null when the key does not exist.</returns>
    public async Task<StateEntry?> GetStateAsync(string key, string? @namespace = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RequestAsync<StateEntry>(MeshOperations.GetState, new StateGetRequest { Namespace = @namespace ?? string.Empty, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (MeshException ex) when (ex.Code == MeshErrorCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes a shared key; with <paramref name="expectedVersion"/>, only if the key is at that version (0: only if it does not exist).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value (at most 64 KiB).</param>
    /// <param name="namespace">The namespace; null means <c>default</c>.</param>
    /// <param name="expectedVersion">Compare-and-swap: the version the key must have.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entry as written, with its new version.</returns>
    /// <exception cref="MeshException"><c>conflict</c> (see <see cref="Transport.Messages.ErrorBody.CurrentVersion"/>), <c>too_large</c>.</exception>
    public Task<StateEntry> SetStateAsync(string key, string value, string? @namespace = null, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        RequestAsync<StateEntry>(
            MeshOperations.SetState,
            new StateSetRequest { Namespace = @namespace ?? string.Empty, Key = key, Value = value, ExpectedVersion = expectedVersion },
            cancellationToken);

    /// <summary>Lists shared keys.</summary>
    /// <param name="namespace">One namespace, or null for all.</param>
    /// <param name="prefix">Only keys starting with this.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entries by namespace and key.</returns>
    public async Task<IReadOnlyList<StateEntry>> ListStateAsync(string? @namespace = null, string? prefix = null, CancellationToken cancellationToken = default)
    {
        StateListResponse response = await RequestAsync<StateListResponse>(MeshOperations.ListState, new StateListRequest { Namespace = @namespace, Prefix = prefix }, cancellationToken).ConfigureAwait(false);
        return response.Entries;
    }

    /// <summary>Deletes a shared key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="namespace">The namespace; null means <c>default</c>.</param>
    /// <param name="expectedVersion">Compare-and-swap: the version the key must have.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether it existed, and the version of the deletion.</returns>
    public Task<StateDeleteResponse> DeleteStateAsync(string key, string? @namespace = null, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        RequestAsync<StateDeleteResponse>(
            MeshOperations.DeleteState,
            new StateDeleteRequest { Namespace = @namespace ?? string.Empty, Key = key, ExpectedVersion = expectedVersion },
            cancellationToken);
}
