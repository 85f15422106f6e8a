using System.Diagnostics;

namespace SlmMesh.LoadTest;

/// <summary>
/// What the receivers of a scenario have seen: a total count (floods wait for it) and, per closed-loop
/// sender, a signal with the send→receive time of its message.
/// </summary>
internal sealed class Arrivals
{
    private readonly Lock _gate = new();
    private readonly SenderSlot[] _slots;
    private long _count;
    private long _target;
    private TaskCompletionSource? _reached;

    public Arrivals(int senders)
    {
        _slots = new SenderSlot[senders];
        for (int i = 0; i < senders; i++)
        {
            _slots[i] = new SenderSlot();
        }
    }

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public SenderSlot this[int sender] => _slots[sender];

    /// <summary>Records a message taken by a receiver at <paramref name="takenAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Record(string payload, long takenAt)
    {
        (long sentAt, int sender) = Stamp.Read(payload);
        lock (_gate)
        {
            _count++;
            if (_reached is not null && _count >= _target)
            {
                _reached.TrySetResult();
                _reached = null;
            }
        }

        if (sender >= 0)
        {
            SenderSlot slot = _slots[sender];
            slot.LatencyTicks = takenAt - sentAt;
            slot.Arrived.Release();
        }
    }

    /// <summary>Completes once <paramref name="target"/> messages in all have arrived.</summary>
    public Task WhenCount(long target)
    {
        lock (_gate)
        {
            if (_count >= target)
            {
                return Task.CompletedTask;
            }

            _target = target;
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _reached.Task;
        }
    }
}
