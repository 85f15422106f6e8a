using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace SlmMesh.Hosting.Mcp.Tests.Support;

/// <summary>Every notification a test client received, in order, with a way to wait for one.</summary>
public sealed class NotificationLog
{
    private readonly ConcurrentQueue<JsonRpcNotification> _received = new();
    private TaskCompletionSource _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<JsonRpcNotification> Received => [.. _received];

    public IReadOnlyList<JsonRpcNotification> Of(string method) => [.. _received.Where(n => n.Method == method)];

    public ValueTask HandleAsync(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        _received.Enqueue(notification);
        Interlocked.Exchange(ref _arrival, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for a notification of <paramref name="method"/> whose params match.</summary>
    public async Task<JsonNode?> WaitForAsync(string method, Func<JsonNode?, bool>? match = null, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task arrival = Volatile.Read(ref _arrival).Task;
            if (_received.FirstOrDefault(n => n.Method == method && (match is null || match(n.Params))) is { } found)
            {
                return found.Params;
            }

            try
            {
                await arrival.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"No {method} notification arrived. Received: {string.Join(", ", _received.Select(n => n.Method))}");
            }
        }
    }
}
