using Microsoft.Extensions.Hosting;

namespace SlmMesh.DependencyInjection;

/// <summary>Starts connecting when the host starts, without holding the start up; closes the client when it stops.</summary>
internal sealed class MeshClientHostedService(IMeshClientProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // On the thread pool: connecting starts with synchronous work (reading git and token files, maybe
        // spawning a broker) that must not delay the hosted services started after this one.
        _ = Task.Run(ConnectInBackgroundAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (provider is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ConnectInBackgroundAsync()
    {
        try
        {
            await provider.GetClientAsync().ConfigureAwait(false);
        }
        catch (MeshException)
        {
            // The first caller that needs the client sees the error (and retries).
        }
        catch (ObjectDisposedException)
        {
            // The host stopped before connecting began.
        }
    }
}
