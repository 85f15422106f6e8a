using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>Ephemeral peers are CLI invocations: unlisted, silent, and their identity outlives each run.</summary>
public sealed class EphemeralPeerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<MeshClientOptions, MeshClientOptions> Cli(string id) => o => o with { Ephemeral = true, PeerId = id, AgentType = "cli" };

    [Fact]
    public async Task An_ephemeral_peer_is_unlisted_and_its_lock_outlives_the_run_until_the_same_identity_releases_it()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient agent = await mesh.ConnectAsync("agent");
        await using (MeshClient run = await mesh.ConnectAsync("cli@repo", Cli("cli-1")))
        {
            Assert.Empty(await agent.ListPeersAsync(cancellationToken: Ct));
            await run.AcquireLockAsync("notes.md", "editing", cancellationToken: Ct);
        }

        LockInfo held = Assert.Single(await agent.QueryLocksAsync("notes.md", Ct));
        Assert.Equal("cli-1", held.HolderId);
        MeshException refused = await Assert.ThrowsAsync<MeshException>(() => agent.AcquireLockAsync("notes.md", cancellationToken: Ct));
        Assert.Equal(MeshErrorCode.Locked, refused.Code);

        await using (MeshClient next = await mesh.ConnectAsync("cli@repo", Cli("cli-1")))
        {
            Assert.True(await next.ReleaseLockAsync("notes.md", Ct));
        }

        Assert.Empty(await agent.QueryLocksAsync("notes.md", Ct));
        Assert.Equal(1, (await agent.GetStatusAsync(Ct)).PeersActive);
    }

    [Fact]
    public async Task A_message_to_an_ephemeral_peer_that_ended_waits_for_its_next_run()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient agent = await mesh.ConnectAsync("agent");
        await using (MeshClient run = await mesh.ConnectAsync("cli@repo", Cli("cli-2")))
        {
            await run.SendAsync("agent", "are you done?", cancellationToken: Ct);
        }

        MeshMessage question = (await agent.WaitForMessageAsync(TimeSpan.FromSeconds(10), cancellationToken: Ct))!;
        var reply = await agent.SendAsync(question.From, "yes", replyTo: question.Id, cancellationToken: Ct);
        Assert.Equal(["cli-2"], reply.Recipients);
        Assert.Single((await agent.SendAsync("cli@repo", "by name too", cancellationToken: Ct)).Recipients);

        await using MeshClient next = await mesh.ConnectAsync("cli@repo", o => Cli("cli-2")(o) with { AutoAcknowledge = false });
        IReadOnlyList<MeshMessage> inbox = await next.ReadInboxAsync(acknowledge: true, cancellationToken: Ct);
        Assert.Equal(["yes", "by name too"], inbox.Select(m => m.Payload));
        Assert.Equal(question.Id, inbox[0].ReplyTo);
    }

    [Fact]
    public async Task A_dormant_ephemeral_peer_stays_addressable_across_a_broker_restart_but_not_past_the_message_ttl()
    {
        using var home = new TestHome();
        MeshBrokerOptions options = home.BrokerOptions();
        await using (MeshBroker first = await MeshBroker.StartAsync(options, null, Ct))
        {
            await using MeshClient run = await MeshClient.ConnectAsync(Cli("cli-3")(home.ClientOptions("cli@repo")), Ct);
        }

        await using (MeshBroker second = await MeshBroker.StartAsync(options, null, Ct))
        {
            await using MeshClient agent = await MeshClient.ConnectAsync(home.ClientOptions("agent"), Ct);
            Assert.Single((await agent.SendAsync("cli-3", "still there?", cancellationToken: Ct)).Recipients);
        }

        await using MeshBroker third = await MeshBroker.StartAsync(options with { MessageTtl = TimeSpan.FromMilliseconds(1) }, null, Ct);
        await using MeshClient late = await MeshClient.ConnectAsync(home.ClientOptions("late"), Ct);
        MeshException gone = await Assert.ThrowsAsync<MeshException>(() => late.SendAsync("cli-3", "too late", cancellationToken: Ct));
        Assert.Equal(MeshErrorCode.NotFound, gone.Code);
    }
}
