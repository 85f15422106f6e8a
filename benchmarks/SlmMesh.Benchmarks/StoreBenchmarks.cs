using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Broker;
using SlmMesh.Store;

namespace SlmMesh.Benchmarks;

/// <summary>
/// The broker's SQLite store on a real file (WAL, synchronous=NORMAL), as the engine uses it: a message
/// and its <c>message_sent</c> event in one transaction, or 100 of them in one (group commit), the inbox
/// query, and state writes and reads. The database holds 20,000 messages and 1,000 keys before the runs.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Recipients = 10;
    private const int SeededPerRecipient = 2_000;
    private const int Keys = 1_000;
    private const long Now = SampleFrames.Now;

    private static readonly string Payload = new('x', 200);
    private static readonly string Value = new('v', 100);

    private TempFolder? _folder;
    private MeshStore _store = null!;
    private string[] _keys = [];
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        _store = MeshStore.Open(_folder.File("mesh.db"), NullLogger.Instance);
        _store.BeginBatch();
        for (int r = 0; r < Recipients; r++)
        {
            string recipient = "peer-" + r.ToString(CultureInfo.InvariantCulture);
            var read = new List<string>();
            for (int i = 0; i < SeededPerRecipient; i++)
            {
                MeshMessage message = Message(recipient);
                _store.InsertMessage(message);
                if (i % 2 == 0)
                {
                    read.Add(message.Id);
                }
            }

            _store.MarkRead(recipient, read, Now);
        }

        _keys = [.. Enumerable.Range(0, Keys).Select(i => "key-" + i.ToString(CultureInfo.InvariantCulture))];
        foreach (string key in _keys)
        {
            _store.PutState(Entry(key, 1));
        }

        _store.CommitBatch();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _folder?.Delete();
    }

    /// <summary>One request per transaction: what a lone send costs the store.</summary>
    [Benchmark]
    public void InsertMessageAndEvent()
    {
        _store.BeginBatch();
        InsertOne();
        _store.CommitBatch();
    }

    /// <summary>Per message, when 100 sends share one transaction (the engine's group commit under load).</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public void InsertBatchOf100()
    {
        _store.BeginBatch();
        for (int i = 0; i < 100; i++)
        {
            InsertOne();
        }

        _store.CommitBatch();
    }

    /// <summary>The newest 20 unread of a peer that has 1,000 unread and 1,000 read.</summary>
    [Benchmark]
    public int InboxUnread() => _store.QueryInbox("peer-3", unreadOnly: true, from: null, limit: 20, now: Now).Count;

    /// <summary>The newest 20, read or not.</summary>
    [Benchmark]
    public int InboxAll() => _store.QueryInbox("peer-3", unreadOnly: false, from: null, limit: 20, now: Now).Count;

    /// <summary>A state write as the engine does it: read the current version, write, append the event; one transaction.</summary>
    [Benchmark]
    public void StateSet()
    {
        string key = _keys[(int)(_next++ % Keys)];
        _store.BeginBatch();
        long version = _store.GetState("load", key)?.Entry.Version ?? 0;
        _store.PutState(Entry(key, version + 1));
        _store.AppendEvent(EventTypes.StateChanged, "peer-1", EventData.Of(("namespace", "load"), ("key", key), ("version", version + 1), ("updatedBy", "peer-1")), Now);
        _store.CommitBatch();
    }

    [Benchmark]
    public long StateGet() => _store.GetState("load", _keys[(int)(_next++ % Keys)])?.Entry.Version ?? 0;

    private void InsertOne()
    {
        MeshMessage message = Message("peer-1");
        _store.InsertMessage(message);
        _store.AppendEvent(
            EventTypes.MessageSent,
            message.From,
            EventData.Of(("id", message.Id), ("from", message.From), ("fromName", message.FromName), ("to", message.To), ("type", message.Type), ("replyTo", null)),
            Now);
    }

    private MeshMessage Message(string recipient) => new()
    {
        Id = "m_" + (_next++).ToString("x16", CultureInfo.InvariantCulture),
        From = "p_0123456789abcdef",
        FromName = "claude-code-api",
        To = recipient,
        Type = "text",
        Payload = Payload,
        CreatedAt = Now,
        ExpiresAt = Now + 86_400_000,
    };

    private static StateEntry Entry(string key, long version) => new()
    {
        Namespace = "load",
        Key = key,
        Value = Value,
        Version = version,
        UpdatedBy = "peer-1",
        UpdatedAt = Now,
    };
}
