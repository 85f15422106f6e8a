using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;

namespace SlmMesh.Client;

/// <summary>A request waiting for its response on a given connection.</summary>
internal sealed class PendingRequest(FrameConnection connection)
{
    private readonly TaskCompletionSource<InboundFrame> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FrameConnection Connection { get; } = connection;

    public Task<InboundFrame> Reply => _reply.Task;

    public void Complete(InboundFrame frame) => _reply.TrySetResult(frame);

    public void Fail(Exception exception) => _reply.TrySetException(exception);
}
