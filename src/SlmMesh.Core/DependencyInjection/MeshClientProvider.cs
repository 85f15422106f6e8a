using Microsoft.Extensions.Options;

namespace SlmMesh.DependencyInjection;

/// <summary>Connects once, shares the client, retries after a failed attempt, and disposes it with the container.</summary>
internal sealed class MeshClientProvider(IOptions<MeshClientOptions> options) : IMeshClientProvider, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task<MeshClient>? _connecting;
    private bool _disposed;

    public MeshClient? Current => _connecting is { IsCompletedSuccessfully: true } task ? task.Result : null;

    public async ValueTask<MeshClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        Task<MeshClient> connecting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = MeshClient.ConnectAsync(options.Value, CancellationToken.None);
            }

            connecting = _connecting;
        }

        return await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Task<MeshClient>? connecting;
        lock (_gate)
        {
            _disposed = true;
            connecting = _connecting;
        }

        if (connecting is not null)
        {
            try
            {
                MeshClient client = await connecting.ConfigureAwait(false);
                await client.DisposeAsync().ConfigureAwait(false);
            }
            catch (MeshException)
            {
                // It never connected: nothing to close.
            }
        }
    }
}
