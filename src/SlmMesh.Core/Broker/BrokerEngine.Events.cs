using System.Text;
using System.Text.Json;
using SlmMesh.Coordination;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    private const int DefaultEventLimit = 100;
    private const int MaxEventLimit = 1000;
    private const int MaxEventDataBytes = 64 * 1024;

    /// <summary>Records an event and pushes it to every subscribed connection (after the commit).</summary>
    private MeshEvent Emit(string type, string? peerId, string data)
    {
        MeshEvent recorded = _store.AppendEvent(type, peerId, data, Now);
        foreach (BrokerSession session in _sessions)
        {
            if (session.Subscription is { } filter && !session.IsClosed && filter.Matches(type))
            {
                Push(session, MeshPushes.Event, recorded);
            }
        }

        return recorded;
    }

    private EventListResponse ReadEvents(EventReadRequest request)
    {
        int limit = request.Limit switch
        {
            0 => DefaultEventLimit,
            < 0 or > MaxEventLimit => throw Invalid($"limit must be 1 to {MaxEventLimit}."),
            _ => request.Limit,
        };
        EventTypeFilter filter = EventTypeFilter.Create(request.Types);
        IReadOnlyList<MeshEvent> events = _store.ReadEvents(Math.Max(0, request.AfterId), limit, filter.IsAll ? null : filter.Matches);
        return new EventListResponse { Events = events, LastId = _store.LastEventId() };
    }

    private static EmptyBody Subscribe(BrokerSession session, EventSubscribeRequest request)
    {
        EventTypeFilter added = EventTypeFilter.Create(request.Types);
        EventTypeFilter? current = session.Subscription;
        session.Subscription = added.IsAll || current?.IsAll == true
            ? EventTypeFilter.All
            : current is null ? added : EventTypeFilter.Create(current.Patterns.Union(added.Patterns, StringComparer.Ordinal));
        return EmptyBody.Instance;
    }

    private static EmptyBody Unsubscribe(BrokerSession session, EventUnsubscribeRequest request)
    {
        if (request.Types.Count == 0 || session.Subscription is null)
        {
            session.Subscription = null;
            return EmptyBody.Instance;
        }

        var remaining = session.Subscription.Patterns.Except(request.Types, StringComparer.Ordinal).ToList();
        session.Subscription = remaining.Count == 0 ? null : EventTypeFilter.Create(remaining);
        return EmptyBody.Instance;
    }

    private MeshEvent EmitCustom(BrokerSession session, EventEmitRequest request)
    {
        PeerState peer = RequirePeer(session);
        string type = request.Type;
        if (string.IsNullOrEmpty(type) || type.Length > 64 || type.Contains('*', StringComparison.Ordinal))
        {
            throw Invalid("An event type is 1 to 64 characters of a-z, 0-9, '_', '.', '-'.");
        }

        _ = EventTypeFilter.Create([type]);
        if (EventTypes.IsBuiltIn(type))
        {
            throw Invalid($"'{type}' is a built-in event type; custom events need their own type.");
        }

        string data = string.IsNullOrWhiteSpace(request.Data) ? "{}" : request.Data;
        if (Encoding.UTF8.GetByteCount(data) > MaxEventDataBytes)
        {
            throw new MeshException(MeshErrorCode.TooLarge, $"Event data is limited to {MaxEventDataBytes} bytes.");
        }

        if (!IsJsonObject(data))
        {
            throw Invalid("Event data must be a JSON object.");
        }

        return Emit(type, peer.Id, data);
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
