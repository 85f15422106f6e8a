namespace SlmMesh.Hosting.Mcp.Delivery;

/// <summary>Subscribed events waiting for the next tool result; bounded, dropping the oldest and counting them.</summary>
internal sealed class EventBuffer
{
    public const int Capacity = 200;

    private readonly Lock _gate = new();
    private readonly Queue<MeshEvent> _events = new();
    private long _dropped;

    public void Add(MeshEvent meshEvent)
    {
        lock (_gate)
        {
            if (_events.Count == Capacity)
            {
                _events.Dequeue();
                _dropped++;
            }

            _events.Enqueue(meshEvent);
        }
    }

    public (IReadOnlyList<MeshEvent> Events, long Dropped) TakeAll()
    {
        lock (_gate)
        {
            MeshEvent[] events = [.. _events];
            long dropped = _dropped;
            _events.Clear();
            _dropped = 0;
            return (events, dropped);
        }
    }
}
