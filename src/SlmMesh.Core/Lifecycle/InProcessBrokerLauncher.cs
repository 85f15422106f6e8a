using Microsoft.Extensions.Logging;

namespace SlmMesh;

/// <summary>
/// Starts the broker inside this process (the default for an embedding program). The broker lives until it
/// is idle or this process exits; then another client's launcher takes over, with the same database.
/// </summary>
/// <param name="options">Broker settings; the home is always the client's.</param>
/// <param name="loggerFactory">Where the broker logs.</param>
public sealed class InProcessBrokerLauncher(MeshBrokerOptions? options = null, ILoggerFactory? loggerFactory = null) : IBrokerLauncher, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MeshBroker? _broker;

    /// <summary>The broker this launcher started, while it runs.</summary>
    public MeshBroker? Broker => _broker is { Completion.IsCompleted: false } broker ? broker : null;

    /// <inheritdoc />
    public async ValueTask StartAsync(MeshHome home, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Broker is not null)
            {
                return;
            }

            MeshBrokerOptions settings = (options ?? new MeshBrokerOptions()) with { Home = home.Directory };
            _broker = await MeshBroker.TryStartAsync(settings, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the broker this launcher started, if it still runs.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_broker is { } broker)
        {
            await broker.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
