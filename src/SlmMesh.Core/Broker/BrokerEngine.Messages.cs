using System.Text;
using System.Text.Json;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    private const int DefaultInboxLimit = 20;
    private const int MaxInboxLimit = 100;

    // What fits in one response frame with room for the envelope and the other fields.
    private const int MaxInboxResponseBytes = 768 * 1024;

    private SendResponse Send(BrokerSession session, SendRequest request)
    {
        PeerState sender = RequirePeer(session);
        string type = string.IsNullOrEmpty(request.Type) ? MessageTypes.Text : request.Type;
        if (type is not (MessageTypes.Text or MessageTypes.Json or MessageTypes.Command or MessageTypes.Alert))
        {
            throw Invalid($"Unknown message type '{type}': use text, json, command or alert.");
        }

        int size = Encoding.UTF8.GetByteCount(request.Payload);
        if (size > _options.MaxPayloadBytes)
        {
            throw new MeshException(MeshErrorCode.TooLarge, $"The message is {size} bytes; the limit is {_options.MaxPayloadBytes} bytes.");
        }

        if (type == MessageTypes.Json && !IsJson(request.Payload))
        {
            throw Invalid("A json message must carry valid JSON.");
        }

        string id = string.IsNullOrEmpty(request.Id) ? NewId("m") : CheckId(request.Id, "id");
        string? replyTo = string.IsNullOrEmpty(request.ReplyTo) ? null : CheckId(request.ReplyTo, "replyTo");
        bool broadcast = string.Equals(request.To, MessageTargets.All, StringComparison.OrdinalIgnoreCase);
        List<PeerState> recipients = broadcast ? BroadcastRecipients(sender) : [ResolvePeer(request.To)];
        long now = Now;
        var stored = new List<string>(recipients.Count);
        foreach (PeerState recipient in recipients)
        {
            var message = new MeshMessage
            {
                Id = id,
                From = sender.Id,
                FromName = sender.Info.Name,
                To = recipient.Id,
                Broadcast = broadcast,
                Type = type,
                Payload = request.Payload,
                ReplyTo = replyTo,
                CreatedAt = now,
                ExpiresAt = now + (long)_options.MessageTtl.TotalMilliseconds,
            };
            if (!_store.InsertMessage(message))
            {
                // A retry of a send the broker already stored: answer as before, store and announce nothing new.
                message = _store.GetMessage(id, recipient.Id) ?? message;
                now = message.CreatedAt;
                stored.Add(recipient.Id);
                continue;
            }

            stored.Add(recipient.Id);

            // While a backlog is being redelivered, new messages come with it, in order.
            if (recipient.Session is { BacklogPending: false } target)
            {
                Push(target, MeshPushes.Message, message);
            }
        }

        if (stored.Count > 0)
        {
            Emit(
                EventTypes.MessageSent,
                sender.Id,
                EventData.Of(("id", id), ("from", sender.Id), ("fromName", sender.Info.Name), ("to", broadcast ? MessageTargets.All : stored[0]), ("type", type), ("replyTo", replyTo)));
        }

        return new SendResponse { Id = id, Recipients = stored, CreatedAt = now };
    }

    private MessageListResponse Inbox(BrokerSession session, InboxRequest request)
    {
        PeerState peer = RequirePeer(session);
        int limit = request.Limit switch
        {
            0 => DefaultInboxLimit,
            < 0 or > MaxInboxLimit => throw Invalid($"limit must be 1 to {MaxInboxLimit}."),
            _ => request.Limit,
        };
        bool unreadOnly = request.Filter switch
        {
            "" or "unread" => true,
            "all" => false,
            _ => throw Invalid($"Unknown filter '{request.Filter}': use unread or all."),
        };
        string? from = string.IsNullOrEmpty(request.From) ? null : TryResolvePeerId(request.From) ?? request.From;
        long now = Now;
        IReadOnlyList<MeshMessage> messages = TrimToFrame(_store.QueryInbox(peer.Id, unreadOnly, from, limit, now));
        if (request.Acknowledge)
        {
            var unread = new List<string>();
            foreach (MeshMessage message in messages)
            {
                if (message.ReadAt is null)
                {
                    unread.Add(message.Id);
                }
            }

            if (unread.Count > 0)
            {
                _store.MarkRead(peer.Id, unread, now);
                Acknowledged(peer, unread);
            }
        }

        return new MessageListResponse { Messages = messages };
    }

    private AckResponse Acknowledge(BrokerSession session, AckRequest request)
    {
        PeerState peer = RequirePeer(session);
        if (request.Ids.Count > 10_000)
        {
            throw Invalid("Acknowledge at most 10000 messages at once.");
        }

        int changed = request.Ids.Count == 0 ? 0 : _store.MarkRead(peer.Id, request.Ids, Now);
        Acknowledged(peer, request.Ids);
        return new AckResponse { Acknowledged = changed };
    }

    /// <summary>
    /// Redelivers everything unread, oldest first (at-least-once: the client drops duplicates by id). Only a
    /// window is pushed at once, the rest as the peer acknowledges: a backlog larger than the connection's
    /// queue would otherwise get the peer disconnected as a slow consumer on every reconnect.
    /// </summary>
    private void PushUnread(BrokerSession session, PeerState peer)
    {
        session.BacklogCursor = 0;
        session.BacklogOutstanding.Clear();
        session.BacklogPending = true;
        RefillBacklog(session, peer);
    }

    private void Acknowledged(PeerState peer, IReadOnlyList<string> ids)
    {
        if (peer.Session is not { } session || session.BacklogOutstanding.Count == 0)
        {
            return;
        }

        foreach (string id in ids)
        {
            session.BacklogOutstanding.Remove(id);
        }

        RefillBacklog(session, peer);
    }

    private void RefillBacklog(BrokerSession session, PeerState peer)
    {
        int room = RedeliveryWindow - session.BacklogOutstanding.Count;
        if (!session.BacklogPending || room <= 0)
        {
            return;
        }

        IReadOnlyList<MeshMessage> next = _store.GetUnreadAfter(peer.Id, session.BacklogCursor, Now, room, out long last);
        foreach (MeshMessage message in next)
        {
            Push(session, MeshPushes.Message, message);
            session.BacklogOutstanding.Add(message.Id);
        }

        session.BacklogCursor = last;
        session.BacklogPending = next.Count == room;
    }

    private int RedeliveryWindow => Math.Clamp(_options.OutgoingQueueCapacity / 4, 1, 1000);

    private List<PeerState> BroadcastRecipients(PeerState sender)
    {
        var recipients = new List<PeerState>();
        foreach (PeerState peer in _peers.Values)
        {
            if (peer != sender && !peer.Ephemeral)
            {
                recipients.Add(peer);
            }
        }

        return recipients;
    }

    private PeerState ResolvePeer(string target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            throw Invalid("'to' is required: a peer id, a peer name, or 'all'.");
        }

        return TryResolvePeerId(target) is { } id
            ? _peers[id]
            : throw new MeshException(MeshErrorCode.NotFound, $"No peer named or with id '{target}'. List peers to see who is on the mesh.");
    }

    private string? TryResolvePeerId(string idOrName)
    {
        if (_peers.ContainsKey(idOrName))
        {
            return idOrName;
        }

        foreach (PeerState peer in _peers.Values)
        {
            if (string.Equals(peer.Info.Name, idOrName, StringComparison.OrdinalIgnoreCase))
            {
                return peer.Id;
            }
        }

        return null;
    }

    private static IReadOnlyList<MeshMessage> TrimToFrame(IReadOnlyList<MeshMessage> messages)
    {
        long total = 0;
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            total += messages[i].Payload.Length * 3L + 256;
            if (total > MaxInboxResponseBytes)
            {
                // Keep the newest that fit; the rest stay for the next read.
                return messages.Skip(i + 1).ToList();
            }
        }

        return messages;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
