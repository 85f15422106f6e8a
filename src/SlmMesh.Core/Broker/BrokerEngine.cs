using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlmMesh.Store;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Broker;

/// <summary>
/// The broker's state machine. Every change goes through one queue and is applied by one loop, so no
/// state needs a lock. The loop takes all queued commands (up to a batch), applies them inside one
/// SQLite transaction, commits, and only then sends the responses and pushes: nothing is acknowledged
/// before it is durable, and a burst of requests costs one commit (group commit). A batch of acknowledgements
/// alone waits for the next commit, a tick or the store's close (<see cref="MeshStore.EndBatch"/>): losing one
/// only redelivers a message.
/// </summary>
internal sealed partial class BrokerEngine
{
    private const int MaxBatch = 512;

    private readonly MeshBrokerOptions _options;
    private readonly MeshHome _home;
    private readonly MeshStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<EngineCommand> _commands;
    private readonly List<(BrokerSession Session, OutboundFrame Frame)> _outputs = [];
    private readonly List<(BrokerSession Session, uint Id)> _batchRequests = [];
    private readonly Dictionary<string, PeerState> _peers = new(StringComparer.Ordinal);
    private readonly HashSet<BrokerSession> _sessions = [];
    private readonly TaskCompletionSource<string> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startedAt;
    private ITimer? _ticker;
    private Task _loop = Task.CompletedTask;
    private long _idleSince;
    private long _nextMaintenance;
    private long _nextLivenessCheck;
    private long _nextSessionId;
    private int _tickQueued;
    private long _ticksProcessed;
    private string? _stopReason;
    private BrokerSession? _currentSession;
    private uint _currentRequestId;

    public BrokerEngine(MeshBrokerOptions options, MeshHome home, MeshStore store, ILogger logger)
    {
        _options = options;
        _home = home;
        _store = store;
        _logger = logger;
        _time = options.Time;
        _startedAt = Now;
        _idleSince = _startedAt;
        _nextMaintenance = _startedAt + (long)options.MaintenanceInterval.TotalMilliseconds;
        _commands = Channel.CreateBounded<EngineCommand>(new BoundedChannelOptions(16 * 1024)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Completes with the reason once the engine has stopped (idle, shutdown request, fatal error).</summary>
    public Task<string> Stopped => _stopped.Task;

    /// <summary>How many ticks the loop has handled (tests step a fake clock in lockstep with it).</summary>
    internal long TicksProcessed => Interlocked.Read(ref _ticksProcessed);

    /// <summary>The listener this engine's status reports; set by the broker after binding.</summary>
    public FrameListener? Listener { get; set; }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Start()
    {
        LoadState();
        _loop = Task.Run(RunAsync);
        _ticker = _time.CreateTimer(static state => ((BrokerEngine)state!).PostTick(), this, _options.TickInterval, _options.TickInterval);
    }

    /// <summary>Asks the loop to stop after the current batch; returns when it has.</summary>
    public async Task StopAsync(string reason)
    {
        _stopReason ??= reason;
        _commands.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_ticker is not null)
        {
            await _ticker.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs one authenticated connection: feeds its frames to the loop until it closes.</summary>
    public async Task RunSessionAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        var session = new BrokerSession(Interlocked.Increment(ref _nextSessionId), connection);
        if (!await PostAsync(EngineCommand.Opened(session), cancellationToken).ConfigureAwait(false))
        {
            connection.Close(ShuttingDown);
            return;
        }

        try
        {
            await foreach (InboundFrame frame in connection.Incoming.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await PostAsync(EngineCommand.Request(session, frame), cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The broker is stopping.
        }
        finally
        {
            await PostAsync(EngineCommand.Closed(session), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the engine's thread, inside a batch (tests inject storage faults this way).</summary>
    internal Task InvokeAsync(Action<MeshStore> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run()
        {
            try
            {
                work(_store);
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }

        return PostAndRunAsync();

        async Task PostAndRunAsync()
        {
            bool posted = await PostAsync(EngineCommand.Invoke(Run), CancellationToken.None).ConfigureAwait(false);
            ObjectDisposedException.ThrowIf(!posted, this);

            await done.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Queues a command, waiting while the queue is full; false once the engine has stopped.</summary>
    private async ValueTask<bool> PostAsync(EngineCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await _commands.Writer.WriteAsync(command, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>At most one tick waits in the queue: a busy or stalled loop must not pile them up.</summary>
    private void PostTick()
    {
        if (Interlocked.Exchange(ref _tickQueued, 1) == 0 && !_commands.Writer.TryWrite(EngineCommand.Tick))
        {
            Volatile.Write(ref _tickQueued, 0);
        }
    }

    private async Task RunAsync()
    {
        ChannelReader<EngineCommand> reader = _commands.Reader;
        try
        {
            while (_stopReason is null && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                ProcessBatch(reader);
                FlushOutputs();
                if (_maintenanceDue)
                {
                    RunMaintenance();
                }
            }
        }
        catch (Exception ex)
        {
            Log.EngineFailed(_logger, ex);
            _stopReason ??= "fatal error: " + ex.Message;
        }
        finally
        {
            _commands.Writer.TryComplete();
            _stopped.TrySetResult(_stopReason ?? "stopped");
        }
    }

    private void ProcessBatch(ChannelReader<EngineCommand> reader)
    {
        try
        {
            _store.BeginBatch();
        }
        catch (SqliteException ex) when (MeshStore.IsStorageFault(ex))
        {
            RefuseBatch(reader, ex);
            return;
        }

        try
        {
            bool tick = false;
            for (int n = 0; n < MaxBatch && _stopReason is null && reader.TryRead(out EngineCommand command); n++)
            {
                tick |= command.Kind == EngineCommandKind.Tick;
                Process(command);
            }

            // Acknowledgements alone may wait for the next durable write; a tick or a stop bounds how long.
            _store.EndBatch(force: tick || _stopReason is not null);
        }
        catch (SqliteException ex) when (MeshStore.IsStorageFault(ex))
        {
            FailBatch(ex);
        }
    }

    private void Process(in EngineCommand command)
    {
        switch (command.Kind)
        {
            case EngineCommandKind.Opened:
                _sessions.Add(command.Session!);
                _idleSince = 0;
                break;
            case EngineCommandKind.Request:
                ProcessRequest(command.Session!, command.Frame);
                break;
            case EngineCommandKind.Closed:
                OnSessionClosed(command.Session!);
                break;
            case EngineCommandKind.Tick:
                Volatile.Write(ref _tickQueued, 0);
                OnTick();
                Interlocked.Increment(ref _ticksProcessed);
                break;
            case EngineCommandKind.Invoke:
                command.Work!();
                break;
        }
    }

    private void ProcessRequest(BrokerSession session, in InboundFrame frame)
    {
        if (session.IsClosed)
        {
            return;
        }

        if (frame.Kind != FrameKind.Request)
        {
            if (frame.Kind != FrameKind.Error)
            {
                session.Connection.Close(new ErrorBody { Code = MeshErrorCode.ProtocolError, Message = $"A client may not send {frame.Kind} frames after the handshake." });
            }

            return;
        }

        _batchRequests.Add((session, frame.Id));
        _currentSession = session;
        _currentRequestId = frame.Id;
        try
        {
            IWireWritable? result = Dispatch(session, frame);
            if (result is not null)
            {
                Respond(session, frame.Id, result);
            }
        }
        catch (MeshException ex)
        {
            RespondError(session, frame.Id, ex);
        }
        catch (SqliteException ex) when (MeshStore.IsStorageFault(ex))
        {
            throw;
        }
        catch (Exception ex)
        {
            Log.RequestFailed(_logger, frame.Name, session, ex);
            RespondError(session, frame.Id, new MeshException(MeshErrorCode.Internal, $"The broker failed to handle '{frame.Name}': {ex.Message}"));
        }
        finally
        {
            _currentSession = null;
        }
    }

    private void Respond(BrokerSession session, uint requestId, IWireWritable body) => _outputs.Add((session, OutboundFrame.Response(requestId, body)));

    private void RespondError(BrokerSession session, uint requestId, MeshException error) =>
        _outputs.Add((session, OutboundFrame.Error(requestId, error.Error ?? new ErrorBody { Code = error.Code, Message = error.Message })));

    private void Push(BrokerSession session, string type, IWireWritable body) => _outputs.Add((session, OutboundFrame.Push(type, body)));

    private void FlushOutputs()
    {
        foreach ((BrokerSession session, OutboundFrame frame) in _outputs)
        {
            if (session.IsClosed || !session.Connection.IsOpen)
            {
                continue;
            }

            bool queued;
            try
            {
                queued = session.Connection.TrySend(frame);
            }
            catch (MeshException ex) when (frame.Kind == FrameKind.Response)
            {
                queued = session.Connection.TrySend(OutboundFrame.Error(frame.Id, new ErrorBody { Code = ex.Code, Message = ex.Message }));
            }

            if (!queued && session.Connection.IsOpen)
            {
                Log.SlowConsumer(_logger, session);
                session.Connection.Close(new ErrorBody { Code = MeshErrorCode.SlowConsumer, Message = "Disconnected: this connection stopped reading and its queue is full." });
            }
        }

        _outputs.Clear();
        _batchRequests.Clear();
    }
}
