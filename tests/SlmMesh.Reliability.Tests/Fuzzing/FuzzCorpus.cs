using System.Buffers;
using MessagePack;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Reliability.Tests.Fuzzing;

/// <summary>One valid request of every operation the fuzzers may send: the seeds they mutate.</summary>
public static class FuzzCorpus
{
    /// <summary>Operations a fuzzer never sends: they are legitimate for any client and would end the run.</summary>
    public static readonly string[] Excluded = [MeshOperations.Shutdown, MeshOperations.Clean];

    public static IReadOnlyList<(string Operation, byte[] Body)> Requests(string cwd) =>
    [
        (MeshOperations.Register, Body(new RegisterRequest { Name = "fuzz", AgentType = "dotnet", Cwd = cwd, Summary = "fuzzing" })),
        (MeshOperations.Attach, Body(new AttachRequest { PeerId = "p_0000000000000001", Cwd = cwd })),
        (MeshOperations.Leave, Body(EmptyBody.Instance)),
        (MeshOperations.ListPeers, Body(new PeerListRequest { Scope = "directory", IncludeSelf = true, Cwd = cwd })),
        (MeshOperations.SetSummary, Body(new SummaryRequest { Summary = "working on the fuzzer" })),
        (MeshOperations.Send, Body(new SendRequest { Id = "m_fuzz000000000001", To = "bob", Type = "text", Payload = "hello" })),
        (MeshOperations.Send, Body(new SendRequest { Id = "m_fuzz000000000002", To = "all", Type = "json", Payload = "{\"a\":[1,2,{\"b\":null}]}", ReplyTo = "m_x" })),
        (MeshOperations.Inbox, Body(new InboxRequest { Filter = "all", From = "alice", Limit = 50, Acknowledge = true })),
        (MeshOperations.Acknowledge, Body(new AckRequest { Ids = ["m_fuzz000000000001", "m_other"] })),
        (MeshOperations.GetState, Body(new StateGetRequest { Namespace = "default", Key = "k" })),
        (MeshOperations.SetState, Body(new StateSetRequest { Namespace = "ns", Key = "k", Value = "v", ExpectedVersion = 0 })),
        (MeshOperations.ListState, Body(new StateListRequest { Namespace = "ns", Prefix = "k" })),
        (MeshOperations.DeleteState, Body(new StateDeleteRequest { Namespace = "ns", Key = "k", ExpectedVersion = 1 })),
        (MeshOperations.AcquireLock, Body(new LockAcquireRequest { Path = "src/**/*.cs", Reason = "fuzz", TtlMs = 60_000, WaitMs = 0, Cwd = cwd })),
        (MeshOperations.AcquireLock, Body(new LockAcquireRequest { Path = "../x/[a-c]?.txt", TtlMs = 120_000, Cwd = cwd })),
        (MeshOperations.ReleaseLock, Body(new LockReleaseRequest { Path = "src/**/*.cs", Cwd = cwd })),
        (MeshOperations.QueryLocks, Body(new LockQueryRequest { Path = "src/a.cs", Cwd = cwd })),
        (MeshOperations.ReadEvents, Body(new EventReadRequest { AfterId = 0, Types = ["peer_*", "file_locked"], Limit = 10 })),
        (MeshOperations.Subscribe, Body(new EventSubscribeRequest { Types = ["state_*"] })),
        (MeshOperations.Unsubscribe, Body(new EventUnsubscribeRequest { Types = ["state_*"] })),
        (MeshOperations.Emit, Body(new EventEmitRequest { Type = "fuzz.event", Data = "{\"n\":1}" })),
        (MeshOperations.Status, Body(EmptyBody.Instance)),
        (MeshOperations.Ping, Body(EmptyBody.Instance)),
    ];

    public static byte[] Body(IWireWritable body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        body.WriteTo(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
