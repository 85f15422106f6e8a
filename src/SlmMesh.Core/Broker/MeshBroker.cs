using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Broker;
using SlmMesh.Lifecycle;
using SlmMesh.Store;
using SlmMesh.Transport.Connections;

namespace SlmMesh;

/// <summary>
/// The mesh broker, hosted in this process: it holds the home's election lock, serves the Unix socket and
/// owns the SQLite store. Start it with <see cref="StartAsync"/> (or <see cref="TryStartAsync"/>); it runs
/// until disposed, asked to shut down, or idle for <see cref="MeshBrokerOptions.IdleShutdown"/>.
/// Create one per home and process; clients connect through <see cref="MeshClient"/>.
/// </summary>
public sealed partial class MeshBroker : IAsyncDisposable
{
    private readonly BrokerLock _lock;
    private readonly MeshStore _store;
    private readonly BrokerEngine _engine;
    private readonly FrameListener _listener;
    private readonly string _token;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<string> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    private MeshBroker(MeshHome home, BrokerLock brokerLock, MeshStore store, BrokerEngine engine, FrameListener listener, string token, ILogger logger)
    {
        Home = home;
        _lock = brokerLock;
        _store = store;
        _engine = engine;
        _listener = listener;
        _token = token;
        _logger = logger;
    }

    /// <summary>The home this broker serves.</summary>
    public MeshHome Home { get; }

    /// <summary>The socket clients connect to.</summary>
    public string SocketPath => Home.SocketPath;

    /// <summary>Open connections, including ones still in their handshake.</summary>
    public int ConnectionCount => _listener.ConnectionCount;

    /// <summary>The broker's store, for tests that provoke storage faults. Nothing else may use it: it belongs to the engine's thread.</summary>
    internal MeshStore StoreForTesting => _store;

    /// <summary>Completes as soon as the engine decides to stop (before the connections are closed).</summary>
    internal Task<string> EngineStopped => _engine.Stopped;

    /// <summary>How many timer ticks the engine has handled.</summary>
    internal long TicksProcessed => _engine.TicksProcessed;

    /// <summary>Completes with the reason (idle, shutdown requested, disposed) once the broker has fully stopped.</summary>
    public Task<string> Completion => _completion.Task;

    /// <summary>Starts a broker for the home, failing when another one already runs there.</summary>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <param name="loggerFactory">Where to log; null logs nowhere.</param>
    /// <param name="cancellationToken">Stops starting.</param>
    /// <returns>The running broker.</returns>
    /// <exception cref="MeshException"><c>conflict</c> when another broker holds the home; <c>unavailable</c> when the socket cannot be bound; <c>storage_error</c> when the database cannot be opened.</exception>
    public static async Task<MeshBroker> StartAsync(MeshBrokerOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new MeshBrokerOptions();
        return await TryStartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false)
            ?? throw new MeshException(MeshErrorCode.Conflict, $"Another broker already runs for {MeshHome.Resolve(options.Home)}.");
    }

    /// <summary>Starts a broker for the home unless another one already runs there (then returns null at once).</summary>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <param name="loggerFactory">Where to log; null logs nowhere.</param>
    /// <param name="cancellationToken">Stops starting.</param>
    /// <returns>The running broker, or null.</returns>
    /// <exception cref="MeshException"><c>unavailable</c> when the socket cannot be bound; <c>storage_error</c> when the database cannot be opened.</exception>
    public static Task<MeshBroker?> TryStartAsync(MeshBrokerOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new MeshBrokerOptions();
        ILogger logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SlmMesh.Broker");
        MeshHome home = MeshHome.Resolve(options.Home);
        home.EnsureExists();
        BrokerLock? brokerLock = BrokerLock.TryAcquire(home);
        if (brokerLock is null)
        {
            return Task.FromResult<MeshBroker?>(null);
        }

        MeshStore? store = null;
        BrokerEngine? engine = null;
        try
        {
            string token = BrokerToken.Create(home);
            store = OpenStore(home, logger);
            engine = new BrokerEngine(options, home, store, logger);
            engine.Start();
            FrameListener listener = FrameListener.Start(
                new FrameListenerOptions
                {
                    SocketPath = home.SocketPath,
                    Token = token,
                    BrokerName = "slm-mesh-broker/" + BrokerEngine.Version,
                    HandshakeTimeout = options.HandshakeTimeout,
                    Connection = new FrameConnectionOptions { MaxFrameSize = options.MaxFrameSize, OutgoingQueueCapacity = options.OutgoingQueueCapacity },
                },
                engine.RunSessionAsync,
                logger);
            engine.Listener = listener;
            RecordSocketPath(home);
            var broker = new MeshBroker(home, brokerLock, store, engine, listener, token, logger);
            _ = broker.StopWhenEngineStopsAsync();
            Log.Started(logger, home.Directory, home.SocketPath, Environment.ProcessId);
            return Task.FromResult<MeshBroker?>(broker);
        }
        catch
        {
            if (engine is not null)
            {
                engine.StopAsync("start failed").GetAwaiter().GetResult();
            }

            store?.Dispose();
            brokerLock.Dispose();
            throw;
        }
    }

    /// <summary>Stops: closes every connection (clients are told why), flushes and closes the store, releases the home.</summary>
    /// <returns>A task that completes when everything is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync("disposed").ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> on the engine's thread between requests: tests use it to inject storage faults.</summary>
    internal Task InvokeOnEngineForTestingAsync(Action<MeshStore> work) => _engine.InvokeAsync(work);

    private async Task StopWhenEngineStopsAsync()
    {
        string reason = await _engine.Stopped.ConfigureAwait(false);
        await StopAsync(reason).ConfigureAwait(false);
    }

    private async Task StopAsync(string reason)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            await _completion.Task.ConfigureAwait(false);
            return;
        }

        string finalReason = reason;
        try
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
            await _engine.StopAsync(reason).ConfigureAwait(false);
            finalReason = await _engine.Stopped.ConfigureAwait(false);
            _store.Dispose();
            BrokerToken.Delete(Home, _token);
            Log.Stopped(_logger, finalReason);
        }
        catch (Exception ex)
        {
            Log.StopFailed(_logger, ex);
        }
        finally
        {
            // Whatever failed above (a logger included), the home is released and the process can exit.
            _lock.Dispose();
            _completion.TrySetResult(finalReason);
        }
    }

    private static MeshStore OpenStore(MeshHome home, ILogger logger)
    {
        try
        {
            return MeshStore.Open(home.DatabasePath, logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new MeshException(
                MeshErrorCode.StorageError,
                $"Cannot open the database {home.DatabasePath}: {ex.Message} It must be a file this user can read and write, on a disk with room.",
                ex);
        }
    }

    private static void RecordSocketPath(MeshHome home)
    {
        if (home.SocketRelocated)
        {
            PrivateFiles.WriteAllText(home.SocketPathRecordPath, home.SocketPath + "\n");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Broker started for {Home} on {Socket} (pid {Pid})")]
        public static partial void Started(ILogger logger, string home, string socket, int pid);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Broker stopped: {Reason}")]
        public static partial void Stopped(ILogger logger, string reason);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Broker failed while stopping")]
        public static partial void StopFailed(ILogger logger, Exception exception);
    }
}
