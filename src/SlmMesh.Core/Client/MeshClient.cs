using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Client;
using SlmMesh.Discovery;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Messages;

namespace SlmMesh;

/// <summary>
/// A connection to the mesh: registers this program as a peer and offers the whole mesh as a typed async
/// API. <see cref="ConnectAsync"/> finds the broker of the home or starts one; when the connection drops
/// (even when the broker is killed) the client reconnects, starting a new broker if needed, under the same
/// peer id, and retries the requests in flight. Create one per process and reuse it; it is thread-safe.
/// </summary>
public sealed partial class MeshClient : IAsyncDisposable
{
    internal static readonly string Version =
        typeof(MeshClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly MeshClientOptions _options;
    private readonly ILogger _logger;
    private readonly IBrokerLauncher? _launcher;
    private readonly RegisterRequest? _registration;
    private readonly ConcurrentDictionary<uint, PendingRequest> _pending = new();
    private readonly ReceivedMessages _received = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _gate = new();
    private readonly Channel<MeshMessage> _notifications = Channel.CreateBounded<MeshMessage>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Channel<string> _acks = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Task> _pumps = [];
    private FrameConnection? _connection;
    private TaskCompletionSource<FrameConnection> _ready = NewReady();
    private MeshConnectionState _state = MeshConnectionState.Reconnecting;
    private Task _reconnecting = Task.CompletedTask;
    private int _nextRequestId;
    private int _disposed;

    private MeshClient(MeshClientOptions options, MeshHome home, RegisterRequest? registration)
    {
        _options = options;
        Home = home;
        _registration = registration;
        PeerId = registration?.PeerId ?? string.Empty;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SlmMesh.Client");
        _launcher = options.AutoStart ? options.BrokerLauncher ?? new InProcessBrokerLauncher(null, options.LoggerFactory) : null;
    }

    /// <summary>Raised when the connection drops, comes back, or closes.</summary>
    public event EventHandler<MeshConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>The mesh home this client belongs to.</summary>
    public MeshHome Home { get; }

    /// <summary>This peer's id (stable for the life of the client); empty for an observer until it attaches.</summary>
    public string PeerId { get; private set; }

    /// <summary>This peer as the broker last described it; null for an observer.</summary>
    public PeerInfo? Self { get; private set; }

    /// <summary>The connection state.</summary>
    public MeshConnectionState State => _state;

    /// <summary>
    /// Connects to the mesh of the home (starting a broker if none runs and <see cref="MeshClientOptions.AutoStart"/>
    /// is on) and registers. Create one client per process and keep it.
    /// </summary>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>A connected client.</returns>
    /// <exception cref="MeshException"><c>unavailable</c> when no broker could be found or started within <see cref="MeshClientOptions.ConnectTimeout"/>; or the broker's refusal.</exception>
    public static async Task<MeshClient> ConnectAsync(MeshClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MeshClientOptions();
        MeshHome home = MeshHome.Resolve(options.Home);
        var client = new MeshClient(options, home, options.Role == MeshClientRole.Peer ? BuildRegistration(options) : null);
        try
        {
            FrameConnection connection = await client.ConnectAndRegisterAsync(cancellationToken).ConfigureAwait(false);
            client.Activate(connection);
            client.StartPumps();
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Leaves the mesh at once (peers see <c>peer_left</c> with reason <c>left</c>) and closes the connection.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        FrameConnection? connection;
        lock (_gate)
        {
            connection = _connection;
        }

        if (connection is not null && connection.IsOpen)
        {
            await SayGoodbyeAsync(connection).ConfigureAwait(false);
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        _acks.Writer.TryComplete();
        _notifications.Writer.TryComplete();
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_pumps).ConfigureAwait(false);
        await _reconnecting.ConfigureAwait(false);
        SetState(MeshConnectionState.Closed);
        _ready.TrySetException(new ObjectDisposedException(nameof(MeshClient)));
        _disposing.Dispose();
    }

    private static RegisterRequest BuildRegistration(MeshClientOptions options)
    {
        string cwd = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Cwd ?? Environment.CurrentDirectory));
        AgentIdentity agent = options.AgentType is { Length: > 0 } type
            ? new AgentIdentity(type, options.AgentProcessId ?? Environment.ProcessId)
            : AgentDetector.DetectCurrent(AgentTypes.Dotnet);
        GitInfo? git = GitInfoReader.Read(cwd);
        string? name = options.Name ?? Environment.GetEnvironmentVariable(MeshClientOptions.NameVariable);
        return new RegisterRequest
        {
            PeerId = options.PeerId ?? "p_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)),
            Name = string.IsNullOrWhiteSpace(name) ? null : name,
            AgentType = agent.AgentType,
            ProcessId = Environment.ProcessId,
            AgentProcessId = options.AgentProcessId ?? agent.AgentProcessId,
            Cwd = cwd,
            GitRoot = git?.Root,
            GitBranch = git?.Branch,
            Summary = options.Summary,
            Ephemeral = options.Ephemeral,
        };
    }

    private static TaskCompletionSource<FrameConnection> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SetState(MeshConnectionState state)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        ConnectionStateChanged?.Invoke(this, new MeshConnectionStateChangedEventArgs(state));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
