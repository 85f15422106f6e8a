using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

public sealed class MessagingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_direct_message_reaches_the_recipient_and_is_read_once_acknowledged()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob");

        var sent = await alice.SendAsync("bob", "hello bob", cancellationToken: Ct);
        MeshMessage? received = await bob.WaitForMessageAsync(Wait, cancellationToken: Ct);

        Assert.NotNull(received);
        Assert.Equal(sent.Id, received.Id);
        Assert.Equal("hello bob", received.Payload);
        Assert.Equal(alice.PeerId, received.From);
        Assert.Equal("alice", received.FromName);
        Assert.Equal([bob.PeerId], sent.Recipients);

        // Auto-acknowledged in the background: poll the broker's view until it says read.
        IReadOnlyList<MeshMessage> unread = await bob.ReadInboxAsync(cancellationToken: Ct);
        for (int i = 0; unread.Count > 0 && i < 200; i++)
        {
            await Task.Yield();
            unread = await bob.ReadInboxAsync(cancellationToken: Ct);
        }

        Assert.Empty(unread);
        IReadOnlyList<MeshMessage> all = await bob.ReadInboxAsync(unreadOnly: false, cancellationToken: Ct);
        Assert.NotNull(Assert.Single(all).ReadAt);
    }

    [Fact]
    public async Task A_broadcast_reaches_every_other_peer_but_not_the_sender()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        MeshClient c = await mesh.ConnectAsync("c");

        var sent = await a.BroadcastAsync("schema changed", cancellationToken: Ct);

        Assert.Equal(2, sent.Recipients.Count);
        Assert.Equal("schema changed", (await b.WaitForMessageAsync(Wait, cancellationToken: Ct))?.Payload);
        Assert.Equal("schema changed", (await c.WaitForMessageAsync(Wait, cancellationToken: Ct))?.Payload);
        Assert.Empty(a.TakeReceivedMessages());
    }

    [Fact]
    public async Task A_payload_over_the_limit_is_refused_as_too_large()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync(o => o with { MaxPayloadBytes = 1000 });
        MeshClient a = await mesh.ConnectAsync("a");
        await mesh.ConnectAsync("b");

        var error = await Assert.ThrowsAsync<MeshException>(() => a.SendAsync("b", new string('x', 1001), cancellationToken: Ct));

        Assert.Equal(MeshErrorCode.TooLarge, error.Code);
    }

    [Fact]
    public async Task Messages_for_a_peer_that_is_away_are_redelivered_when_it_comes_back()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient sender = await mesh.ConnectAsync("sender");
        MeshClient away = await mesh.ConnectAsync("away", o => o with { Reconnect = false });
        string awayId = away.PeerId;
        away.AbortConnectionForTesting();
        await WaitUntilAsync(async () => (await sender.ListPeersAsync(cancellationToken: Ct)).Any(p => p.Id == awayId && !p.Connected));

        var first = await sender.SendAsync(awayId, "one", cancellationToken: Ct);
        var second = await sender.SendAsync(awayId, "two", cancellationToken: Ct);
        MeshClient back = await mesh.ConnectAsync("away", o => o with { PeerId = awayId });

        MeshMessage? m1 = await back.WaitForMessageAsync(Wait, cancellationToken: Ct);
        MeshMessage? m2 = await back.WaitForMessageAsync(Wait, cancellationToken: Ct);
        Assert.Equal([first.Id, second.Id], [m1?.Id, m2?.Id]);
        Assert.Equal("away", back.Self?.Name);
    }

    [Fact]
    public async Task An_unknown_recipient_is_not_found()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");

        var error = await Assert.ThrowsAsync<MeshException>(() => a.SendAsync("nobody", "hi", cancellationToken: Ct));

        Assert.Equal(MeshErrorCode.NotFound, error.Code);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Wait);
        while (!await condition())
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
