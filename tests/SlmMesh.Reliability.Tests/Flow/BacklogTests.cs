using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Flow;

/// <summary>A peer coming back to more unread messages than its connection's queue holds still gets all of them.</summary>
public sealed class BacklogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_peer_returning_to_a_backlog_larger_than_its_queue_receives_every_message()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync(o => o with { OutgoingQueueCapacity = 256 });
        MeshClient sender = await mesh.ConnectAsync("sender");
        MeshClient away = await mesh.ConnectAsync("away", o => o with { Reconnect = false });
        string awayId = away.PeerId;
        away.AbortConnectionForTesting();
        await Eventually.TrueAsync(async () => (await sender.ListPeersAsync(cancellationToken: Ct)).Any(p => p.Id == awayId && !p.Connected), TimeSpan.FromSeconds(10), "the broker should see the peer away");

        int count = 2000;
        var sent = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            sent.Add((await sender.SendAsync(awayId, $"backlog {i}", cancellationToken: Ct)).Id);
        }

        MeshClient back = await mesh.ConnectAsync("away", o => o with { PeerId = awayId });
        int drops = 0;
        back.ConnectionStateChanged += (_, e) => drops += e.State == MeshConnectionState.Reconnecting ? 1 : 0;
        var received = new HashSet<string>(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (MeshMessage message in back.ReadMessagesAsync(timeout.Token))
        {
            received.Add(message.Id);
            if (received.Count == count)
            {
                break;
            }
        }

        Assert.Equal(sent, received);
        Assert.Equal(0, drops);
        Assert.Equal(MeshConnectionState.Connected, back.State);
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }
}
