namespace SlmMesh.Client;

/// <summary>
/// Messages pushed to this client and not yet handed to the application, in arrival order, with
/// duplicates (redeliveries after a reconnect) dropped by id.
/// </summary>
internal sealed class ReceivedMessages
{
    private const int RememberedIds = 10_000;

    private readonly Lock _gate = new();
    private readonly List<MeshMessage> _pending = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private TaskCompletionSource _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Adds a pushed message; false when it was seen before.</summary>
    public bool Add(MeshMessage message)
    {
        TaskCompletionSource arrival;
        lock (_gate)
        {
            if (!_seen.Add(message.Id))
            {
                return false;
            }

            _seenOrder.Enqueue(message.Id);
            if (_seenOrder.Count > RememberedIds)
            {
                _seen.Remove(_seenOrder.Dequeue());
            }

            _pending.Add(message);
            arrival = _arrival;
            _arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrival.TrySetResult();
        return true;
    }

    /// <summary>Whether a message with this id waits to be taken.</summary>
    public bool IsPending(string id)
    {
        lock (_gate)
        {
            return _pending.Exists(m => string.Equals(m.Id, id, StringComparison.Ordinal));
        }
    }

    public List<MeshMessage> TakeAll()
    {
        lock (_gate)
        {
            var all = new List<MeshMessage>(_pending);
            _pending.Clear();
            return all;
        }
    }

    public MeshMessage? TakeFirst(Func<MeshMessage, bool> predicate)
    {
        lock (_gate)
        {
            for (int i = 0; i < _pending.Count; i++)
            {
                if (predicate(_pending[i]))
                {
                    MeshMessage message = _pending[i];
                    _pending.RemoveAt(i);
                    return message;
                }
            }

            return null;
        }
    }

    /// <summary>A task that completes at the next arrival.</summary>
    public Task NextArrival()
    {
        lock (_gate)
        {
            return _arrival.Task;
        }
    }
}
