using SlmMesh.Coordination;

namespace SlmMesh.Client;

/// <summary>One application subscription to events; disposing it unsubscribes.</summary>
internal sealed class EventSubscription(MeshClient owner, EventTypeFilter filter, Func<MeshEvent, CancellationToken, ValueTask> handler) : IAsyncDisposable
{
    public EventTypeFilter Filter { get; } = filter;

    public Func<MeshEvent, CancellationToken, ValueTask> Handler { get; } = handler;

    public ValueTask DisposeAsync() => owner.RemoveSubscriptionAsync(this);
}
