using MessagePack;
using SlmMesh.Discovery;
using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Reliability.Tests.Security;

/// <summary>SPEC §5: a connection acts only as the peer it registered; helpers attach only for their own agent.</summary>
public sealed class ImpersonationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connection_cannot_take_over_the_peer_id_of_a_live_process()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        await using AgentProcess victim = AgentProcess.Start("victim", ["agent", "--home", mesh.Directory, "--name", "victim", "--launcher", "none"]);
        string victimId = (await victim.WaitForAsync("connected")).Str("peer");
        await using RawPeer mallory = await RawPeer.ConnectAsync(mesh.Home);

        var refused = await Assert.ThrowsAsync<MeshException>(() => mallory.RegisterAsync("mallory", mesh.Directory, victimId));
        MeshClient alice = await mesh.ConnectAsync("alice");
        await alice.SendAsync(victimId, "still yours", cancellationToken: Ct);

        Assert.Equal(MeshErrorCode.Unauthorized, refused.Code);
        Assert.Equal("still yours", (await victim.WaitForAsync("message")).Str("payload"));
        Assert.Empty(victim.Lines("state"));
        Assert.Empty(mallory.Pushes);
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }

    [Fact]
    public async Task A_registered_connection_sends_reads_acknowledges_and_unlocks_only_as_itself()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob", o => o with { AutoAcknowledge = false });
        await using RawPeer mallory = await RawPeer.ConnectAsync(mesh.Home);
        string malloryId = (await mallory.RegisterAsync("mallory", mesh.Directory)).Peer.Id;
        string secret = (await alice.SendAsync("bob", "for bob only", cancellationToken: Ct)).Id;
        LockInfo held = await alice.AcquireLockAsync("src/app.cs", "mine", cancellationToken: Ct);

        // The broker stamps the sender: a "from" smuggled into the request is ignored.
        await mallory.CallAsync<SendResponse>(MeshOperations.Send, new ForgedSend(alice.PeerId, "bob", "trust me, I am alice"));
        MeshMessage? forged = await bob.WaitForMessageAsync(Wait, from: malloryId, cancellationToken: Ct);
        MessageListResponse inbox = await mallory.CallAsync<MessageListResponse>(MeshOperations.Inbox, new InboxRequest { Filter = "all", Limit = 100 });
        AckResponse ack = await mallory.CallAsync<AckResponse>(MeshOperations.Acknowledge, new AckRequest { Ids = [secret] });
        string release = await mallory.RefusalAsync(MeshOperations.ReleaseLock, new LockReleaseRequest { Path = held.Path });
        string renew = await mallory.RefusalAsync(MeshOperations.AcquireLock, new LockAcquireRequest { Path = held.Path });
        string switchIdentity = await mallory.RefusalAsync(MeshOperations.Register, new RegisterRequest { PeerId = alice.PeerId, Name = "alice", Cwd = mesh.Directory });

        Assert.Equal(malloryId, forged?.From);
        Assert.Equal("mallory", forged?.FromName);
        Assert.Empty(inbox.Messages);
        Assert.Equal(0, ack.Acknowledged);
        Assert.Contains(await bob.ReadInboxAsync(cancellationToken: Ct), m => m.Id == secret);
        Assert.Equal(MeshErrorCode.Unauthorized, release);
        Assert.Equal(MeshErrorCode.Locked, renew);
        Assert.Equal(MeshErrorCode.InvalidArgument, switchIdentity);
        LockInfo still = Assert.Single(await alice.QueryLocksAsync(cancellationToken: Ct));
        Assert.Equal((alice.PeerId, held.FencingToken, held.ExpiresAt), (still.HolderId, still.FencingToken, still.ExpiresAt));
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }

    [Fact]
    public async Task A_connection_that_did_not_register_cannot_act_as_anyone()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        await alice.AcquireLockAsync("a.txt", cancellationToken: Ct);
        await using RawPeer anonymous = await RawPeer.ConnectAsync(mesh.Home);

        string[] codes =
        [
            await anonymous.RefusalAsync(MeshOperations.Send, new SendRequest { Id = "m_x", To = "alice", Payload = "hi" }),
            await anonymous.RefusalAsync(MeshOperations.Inbox, new InboxRequest()),
            await anonymous.RefusalAsync(MeshOperations.Acknowledge, new AckRequest { Ids = ["m_x"] }),
            await anonymous.RefusalAsync(MeshOperations.AcquireLock, new LockAcquireRequest { Path = "/tmp/b.txt" }),
            await anonymous.RefusalAsync(MeshOperations.ReleaseLock, new LockReleaseRequest { Path = Path.Combine(mesh.Directory, "a.txt") }),
            await anonymous.RefusalAsync(MeshOperations.SetSummary, new SummaryRequest { Summary = "x" }),
            await anonymous.RefusalAsync(MeshOperations.Emit, new EventEmitRequest { Type = "x.y", Data = "{}" }),
        ];

        Assert.All(codes, code => Assert.Equal(MeshErrorCode.NotRegistered, code));
        Assert.Single(await alice.QueryLocksAsync(cancellationToken: Ct));
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }

    [Fact]
    public async Task A_helper_attaches_only_for_a_peer_whose_agent_is_its_ancestor()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        await using AgentProcess other = AgentProcess.Start("other", ["agent", "--home", mesh.Directory, "--name", "other", "--launcher", "none"]);
        string otherId = (await other.WaitForAsync("connected")).Str("peer");
        int parent = ProcessTree.GetAncestry(Environment.ProcessId)[1].ProcessId;
        await using RawPeer agent = await RawPeer.ConnectAsync(mesh.Home);
        string agentId = (await agent.RegisterAsync("ours", mesh.Directory, agentProcessId: parent)).Peer.Id;
        await using RawPeer helper = await RawPeer.ConnectAsync(mesh.Home);
        await using RawPeer intruder = await RawPeer.ConnectAsync(mesh.Home);
        await using RawPeer claimer = await RawPeer.ConnectAsync(mesh.Home);

        string foreign = await intruder.RefusalAsync(MeshOperations.Attach, new AttachRequest { PeerId = otherId });
        string foreignAgent = await claimer.RefusalAsync(MeshOperations.Register, new RegisterRequest { Name = "claimer", Cwd = mesh.Directory, AgentProcessId = other.Pid });
        RegisterResponse attached = await helper.CallAsync<RegisterResponse>(MeshOperations.Attach, new AttachRequest { PeerId = agentId });
        await helper.CallAsync<SendResponse>(MeshOperations.Send, new SendRequest { Id = "m_helper", To = "other", Payload = "from our helper" });

        Assert.Equal(MeshErrorCode.Unauthorized, foreign);
        Assert.Equal(MeshErrorCode.Unauthorized, foreignAgent);
        Assert.Equal(agentId, attached.Peer.Id);
        Assert.Equal(agentId, (await other.WaitForAsync("message")).Str("from"));
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }

    /// <summary>A send request with sender fields the protocol does not have.</summary>
    private sealed class ForgedSend(string from, string to, string payload) : IWireWritable
    {
        public void WriteTo(ref MessagePackWriter writer)
        {
            writer.WriteMapHeader(6);
            writer.Write("id");
            writer.Write("m_forged");
            writer.Write("to");
            writer.Write(to);
            writer.Write("payload");
            writer.Write(payload);
            writer.Write("from");
            writer.Write(from);
            writer.Write("fromName");
            writer.Write("alice");
            writer.Write("sender");
            writer.Write(from);
        }
    }
}
