using System.Runtime.CompilerServices;
using SlmMesh.Transport.Messages;

namespace SlmMesh;

public sealed partial class MeshClient
{
    /// <summary>Sends a message to one peer (by id or name). It is stored before this returns; delivery is at-least-once.</summary>
    /// <param name="to">A peer id or name.</param>
    /// <param name="payload">The content (at most 64 KiB of UTF-8).</param>
    /// <param name="type"><see cref="MessageTypes.Text"/> (default), json, command or alert.</param>
    /// <param name="replyTo">The id of the message this answers.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The message id and the peer it was stored for.</returns>
    public Task<SendResponse> SendAsync(string to, string payload, string type = MessageTypes.Text, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(payload);
        var request = new SendRequest { Id = NewMessageId(), To = to, Type = type, Payload = payload, ReplyTo = replyTo };
        return RequestAsync<SendResponse>(MeshOperations.Send, request, cancellationToken);
    }

    /// <summary>Sends a message to every other peer.</summary>
    /// <param name="payload">The content.</param>
    /// <param name="type">The message type.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The message id and the peers it was stored for.</returns>
    public Task<SendResponse> BroadcastAsync(string payload, string type = MessageTypes.Text, CancellationToken cancellationToken = default) =>
        SendAsync(MessageTargets.All, payload, type, null, cancellationToken);

    /// <summary>Reads this peer's stored messages without consuming pushed ones.</summary>
    /// <param name="unreadOnly">Only unread messages (default) or all.</param>
    /// <param name="from">Only messages from this peer id or name.</param>
    /// <param name="limit">At most this many (1-100), the newest.</param>
    /// <param name="acknowledge">Whether to mark the unread ones returned as read.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Messages, oldest first.</returns>
    public async Task<IReadOnlyList<MeshMessage>> ReadInboxAsync(bool unreadOnly = true, string? from = null, int limit = 20, bool acknowledge = false, CancellationToken cancellationToken = default)
    {
        var request = new InboxRequest { Filter = unreadOnly ? "unread" : "all", From = from, Limit = limit, Acknowledge = acknowledge };
        MessageListResponse response = await RequestAsync<MessageListResponse>(MeshOperations.Inbox, request, cancellationToken).ConfigureAwait(false);
        if (acknowledge)
        {
            foreach (MeshMessage message in response.Messages)
            {
                _received.TakeFirst(m => m.Id == message.Id);
            }
        }

        return response.Messages;
    }

    /// <summary>Marks messages read: they are never delivered again.</summary>
    /// <param name="ids">The message ids.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>How many unread messages became read.</returns>
    public async Task<int> AcknowledgeAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        AckResponse response = await RequestAsync<AckResponse>(MeshOperations.Acknowledge, new AckRequest { Ids = [.. ids] }, cancellationToken).ConfigureAwait(false);
        return response.Acknowledged;
    }

    /// <summary>
    /// Takes the messages pushed to this peer since the last call (duplicates removed), oldest first. With
    /// <see cref="MeshClientOptions.AutoAcknowledge"/> they are acknowledged in the background.
    /// </summary>
    /// <returns>The new messages; empty when none arrived.</returns>
    public IReadOnlyList<MeshMessage> TakeReceivedMessages()
    {
        List<MeshMessage> messages = _received.TakeAll();
        HandedOut(messages);
        return messages;
    }

    /// <summary>Waits for the next message (optionally from a peer, or answering a given message), taking it.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="from">Only a message from this peer id or name.</param>
    /// <param name="replyTo">Only a reply to this message id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The message, or null when none came in time.</returns>
    public async Task<MeshMessage?> WaitForMessageAsync(TimeSpan timeout, string? from = null, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        bool Matches(MeshMessage m) =>
            (from is null || string.Equals(m.From, from, StringComparison.Ordinal) || string.Equals(m.FromName, from, StringComparison.OrdinalIgnoreCase))
            && (replyTo is null || string.Equals(m.ReplyTo, replyTo, StringComparison.Ordinal));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task arrival = _received.NextArrival();
            if (_received.TakeFirst(Matches) is { } message)
            {
                HandedOut([message]);
                return message;
            }

            try
            {
                await arrival.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ThrowIfDisposed();
                return null;
            }
        }
    }

    /// <summary>Streams messages as they arrive, taking each one, until cancelled.</summary>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The messages.</returns>
    public async IAsyncEnumerable<MeshMessage> ReadMessagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            MeshMessage? message;
            try
            {
                message = await WaitForMessageAsync(Timeout.InfiniteTimeSpan, null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (message is not null)
            {
                yield return message;
            }
        }
    }

    /// <summary>
    /// Registers a handler called for every new message as it arrives. This only notifies: the message stays
    /// for <see cref="TakeReceivedMessages"/> and is not acknowledged by it.
    /// </summary>
    /// <param name="handler">Called in arrival order, one at a time.</param>
    /// <returns>Dispose to unregister.</returns>
    public IDisposable OnMessage(Func<MeshMessage, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_messageHandlers)
        {
            _messageHandlers.Add(handler);
        }

        return new Unsubscriber(() =>
        {
            lock (_messageHandlers)
            {
                _messageHandlers.Remove(handler);
            }
        });
    }

    private static string NewMessageId() => MeshIds.New('m');

    private void HandedOut(IReadOnlyList<MeshMessage> messages)
    {
        if (!_options.AutoAcknowledge)
        {
            return;
        }

        foreach (MeshMessage message in messages)
        {
            _acks.Writer.TryWrite(message.Id);
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
