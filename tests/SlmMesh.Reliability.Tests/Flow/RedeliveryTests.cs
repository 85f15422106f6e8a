using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Flow;

/// <summary>At-least-once delivery when acknowledgements are lost.</summary>
public sealed class RedeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_whose_acknowledgement_was_lost_is_acknowledged_again_when_redelivered()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        var log = new RecordingLoggerFactory();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob", o => o with { LoggerFactory = log });
        var pushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IDisposable watch = bob.OnMessage((_, _) =>
        {
            pushed.TrySetResult();
            return default;
        });
        string id = (await alice.SendAsync("bob", "ack me", cancellationToken: Ct)).Id;
        await pushed.Task.WaitAsync(Wait, Ct);

        // The broker cannot write when bob takes the message: the background acknowledgement fails.
        await StoreFaults.ReadOnlyAsync(mesh.Broker);
        Assert.Equal(id, (await bob.WaitForMessageAsync(Wait, cancellationToken: Ct))?.Id);
        Assert.Contains("could not write to its database", await log.WaitForAsync(206, Wait), StringComparison.Ordinal);
        await StoreFaults.WritableAsync(mesh.Broker);

        // After a reconnect the broker redelivers it; bob already took it, so it only acknowledges it again.
        bob.AbortConnectionForTesting();
        await Eventually.TrueAsync(
            async () => (await bob.ReadInboxAsync(cancellationToken: Ct)).Count == 0,
            Wait,
            "the redelivered message should be acknowledged");
        Assert.Empty(bob.TakeReceivedMessages());
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }
}
