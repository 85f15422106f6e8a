using System.Runtime.CompilerServices;
using System.Threading.Channels;
using SlmMesh.Client;
using SlmMesh.Coordination;
using SlmMesh.Transport.Messages;

namespace SlmMesh;

public sealed partial class MeshClient
{
    private const int EventPage = 1000;

    private readonly List<EventSubscription> _subscriptions = [];
    private readonly Channel<MeshEvent?> _eventQueue = Channel.CreateUnbounded<MeshEvent?>(new UnboundedChannelOptions { SingleReader = true });
    private long _lastEventId = -1;

    /// <summary>Reads stored events after an id, oldest first.</summary>
    /// <param name="afterId">Only events with a larger id (0: from the start of what is kept).</param>
    /// <param name="types">Type patterns such as <c>file_*</c>; null or empty for all.</param>
    /// <param name="limit">At most this many (1-1000).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The events and the newest id in the broker.</returns>
    public Task<EventListResponse> ReadEventsAsync(long afterId = 0, IEnumerable<string>? types = null, int limit = 100, CancellationToken cancellationToken = default) =>
        RequestAsync<EventListResponse>(MeshOperations.ReadEvents, new EventReadRequest { AfterId = afterId, Types = [.. types ?? []], Limit = limit }, cancellationToken);

    /// <summary>
    /// Calls <paramref name="handler"/> for every new event of the given types, in order, one at a time. After
    /// a reconnect the events missed meanwhile are delivered first, so none is skipped.
    /// </summary>
    /// <param name="types">Type patterns (<c>peer_*</c>, <c>file_locked</c>); null or empty for all.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="cancellationToken">Cancels subscribing.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public async Task<IAsyncDisposable> SubscribeAsync(IEnumerable<string>? types, Func<MeshEvent, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new EventSubscription(this, EventTypeFilter.Create(types ?? []), handler);
        lock (_subscriptions)
        {
            _subscriptions.Add(subscription);
        }

        try
        {
            await RequestAsync<EmptyBody>(MeshOperations.Subscribe, new EventSubscribeRequest { Types = subscription.Filter.Patterns }, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Read(ref _lastEventId) < 0)
            {
                EventListResponse head = await ReadEventsAsync(long.MaxValue - 1, null, 1, cancellationToken).ConfigureAwait(false);
                Interlocked.CompareExchange(ref _lastEventId, head.LastId, -1);
            }
        }
        catch
        {
            await RemoveSubscriptionAsync(subscription).ConfigureAwait(false);
            throw;
        }

        return subscription;
    }

    /// <summary>Streams events as they happen, optionally starting with the stored ones after <paramref name="afterId"/>.</summary>
    /// <param name="types">Type patterns; null or empty for all.</param>
    /// <param name="afterId">Replay stored events after this id first; null for new events only.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The events, in id order without gaps or repeats.</returns>
    public async IAsyncEnumerable<MeshEvent> WatchEventsAsync(IEnumerable<string>? types = null, long? afterId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[] patterns = [.. types ?? []];
        var live = Channel.CreateUnbounded<MeshEvent>(new UnboundedChannelOptions { SingleReader = true });
        IAsyncDisposable subscription = await SubscribeAsync(patterns, (e, _) => { live.Writer.TryWrite(e); return default; }, cancellationToken).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            long last = -1;
            if (afterId is { } after)
            {
                last = after;
                while (true)
                {
                    EventListResponse page = await ReadEventsAsync(last, patterns, EventPage, cancellationToken).ConfigureAwait(false);
                    foreach (MeshEvent stored in page.Events)
                    {
                        last = stored.Id;
                        yield return stored;
                    }

                    if (page.Events.Count < EventPage)
                    {
                        break;
                    }
                }
            }

            await foreach (MeshEvent next in live.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (next.Id > last)
                {
                    last = next.Id;
                    yield return next;
                }
            }
        }
    }

    /// <summary>Emits a custom event to every subscriber.</summary>
    /// <param name="type">The type (a-z, 0-9, '_', '.', '-'; not a built-in type).</param>
    /// <param name="dataJson">A JSON object with the details, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The recorded event with its id.</returns>
    public Task<MeshEvent> EmitAsync(string type, string? dataJson = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return RequestAsync<MeshEvent>(MeshOperations.Emit, new EventEmitRequest { Type = type, Data = dataJson }, cancellationToken);
    }

    internal async ValueTask RemoveSubscriptionAsync(EventSubscription subscription)
    {
        lock (_subscriptions)
        {
            // While other subscriptions remain the broker's stays as it is, a superset whose extra pushes are filtered
            // here: narrowing it takes an unsubscribe before the new subscribe, and events in between would reach no one.
            if (!_subscriptions.Remove(subscription) || _subscriptions.Count > 0)
            {
                return;
            }
        }

        if (Volatile.Read(ref _disposed) != 0 || _state != MeshConnectionState.Connected)
        {
            return;
        }

        try
        {
            await RequestAsync<EmptyBody>(MeshOperations.Unsubscribe, new EventUnsubscribeRequest(), CancellationToken.None).ConfigureAwait(false);
            string[]? added = null;
            lock (_subscriptions)
            {
                if (_subscriptions.Count > 0)
                {
                    added = UnionPatterns(_subscriptions);
                }
            }

            if (added is not null)
            {
                // Someone subscribed meanwhile.
                await RequestAsync<EmptyBody>(MeshOperations.Subscribe, new EventSubscribeRequest { Types = added }, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is MeshException or ObjectDisposedException)
        {
            // Extra pushes are filtered here anyway.
        }
    }

    private static string[] UnionPatterns(List<EventSubscription> subscriptions)
    {
        if (subscriptions.Exists(s => s.Filter.IsAll))
        {
            return [];
        }

        return [.. subscriptions.SelectMany(s => s.Filter.Patterns).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// On a new connection: subscribe again to what the application subscribed to, and have the event pump fetch
    /// what was missed meanwhile. The fetch is queued first, so no event pushed on the new subscription is
    /// handled before it (that one's id would hide the missed ones); it is sent once the connection is active.
    /// </summary>
    private async Task RestoreSubscriptionsAsync(Transport.Connections.FrameConnection connection, CancellationToken cancellationToken)
    {
        string[] patterns;
        lock (_subscriptions)
        {
            if (_subscriptions.Count == 0)
            {
                return;
            }

            patterns = UnionPatterns(_subscriptions);
        }

        QueueEventResync();
        await SendRequestAsync<EmptyBody>(connection, MeshOperations.Subscribe, new EventSubscribeRequest { Types = patterns }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a reconnect, the event pump first fetches what was missed.</summary>
    private void QueueEventResync() => _eventQueue.Writer.TryWrite(null);

    private async Task PumpEventsAsync()
    {
        CancellationToken disposing = _disposing.Token;
        try
        {
            await foreach (MeshEvent? item in _eventQueue.Reader.ReadAllAsync(disposing).ConfigureAwait(false))
            {
                if (item is null)
                {
                    await ResyncEventsAsync(disposing).ConfigureAwait(false);
                }
                else
                {
                    await DispatchEventAsync(item, disposing).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (disposing.IsCancellationRequested)
        {
        }
    }

    private async Task ResyncEventsAsync(CancellationToken cancellationToken)
    {
        string[] patterns;
        lock (_subscriptions)
        {
            if (_subscriptions.Count == 0 || Interlocked.Read(ref _lastEventId) < 0)
            {
                return;
            }

            patterns = UnionPatterns(_subscriptions);
        }

        try
        {
            while (true)
            {
                EventListResponse page = await ReadEventsAsync(Interlocked.Read(ref _lastEventId), patterns, EventPage, cancellationToken).ConfigureAwait(false);
                foreach (MeshEvent missed in page.Events)
                {
                    await DispatchEventAsync(missed, cancellationToken).ConfigureAwait(false);
                }

                if (page.Events.Count < EventPage)
                {
                    return;
                }
            }
        }
        catch (MeshException ex)
        {
            Log.ResyncFailed(_logger, ex.Message);
        }
    }

    private async ValueTask DispatchEventAsync(MeshEvent meshEvent, CancellationToken cancellationToken)
    {
        if (meshEvent.Id <= Interlocked.Read(ref _lastEventId))
        {
            return;
        }

        Interlocked.Exchange(ref _lastEventId, meshEvent.Id);
        EventSubscription[] subscriptions;
        lock (_subscriptions)
        {
            subscriptions = [.. _subscriptions];
        }

        foreach (EventSubscription subscription in subscriptions)
        {
            if (!subscription.Filter.Matches(meshEvent.Type))
            {
                continue;
            }

            try
            {
                await subscription.Handler(meshEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.HandlerFailed(_logger, meshEvent.Type, ex);
            }
        }
    }
}
