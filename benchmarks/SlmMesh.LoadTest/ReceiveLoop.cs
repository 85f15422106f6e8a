using System.Diagnostics;

namespace SlmMesh.LoadTest;

/// <summary>
/// Takes a client's messages as an application would (<see cref="MeshClient.ReadMessagesAsync"/>, which
/// acknowledges them) and records each in <see cref="Arrivals"/>.
/// </summary>
internal sealed class ReceiveLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    public ReceiveLoop(MeshClient client, Arrivals arrivals, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = Task.Run(() => RunAsync(client, arrivals, _stop.Token), CancellationToken.None);
    }

    public static ReceiveLoop[] StartAll(IEnumerable<MeshClient> clients, Arrivals arrivals, CancellationToken cancellationToken) =>
        [.. clients.Select(c => new ReceiveLoop(c, arrivals, cancellationToken))];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private static async Task RunAsync(MeshClient client, Arrivals arrivals, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (MeshMessage message in client.ReadMessagesAsync(cancellationToken))
            {
                arrivals.Record(message.Payload, Stopwatch.GetTimestamp());
            }
        }
        catch (ObjectDisposedException)
        {
            // The client closed first.
        }
    }
}
