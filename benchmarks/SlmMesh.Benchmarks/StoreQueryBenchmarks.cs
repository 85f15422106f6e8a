using BenchmarkDotNet.Attributes;
using SlmMesh.Broker;

namespace SlmMesh.Benchmarks;

/// <summary>
/// Reads and state writes on the broker's SQLite store (seeded as in <see cref="StoreSamples"/>): the inbox
/// query of a peer with 1,000 unread and 1,000 read messages, an empty batch, and a state set (read the version, write, append
/// the event, one transaction, as the engine does) and get.
/// </summary>
[MemoryDiagnoser]
public class StoreQueryBenchmarks
{
    private StoreSamples _samples = null!;
    private long _next;

    [GlobalSetup]
    public void Setup() => _samples = new StoreSamples(orderedIds: false);

    [GlobalCleanup]
    public void Cleanup() => _samples.Delete();

    /// <summary>BEGIN IMMEDIATE and COMMIT with nothing in between: what the engine pays per batch even for reads and pings.</summary>
    [Benchmark]
    public void EmptyBatch()
    {
        _samples.Store.BeginBatch();
        _samples.Store.CommitBatch();
    }

    /// <summary>The newest 20 unread.</summary>
    [Benchmark]
    public int InboxUnread() => _samples.Store.QueryInbox("peer-3", unreadOnly: true, from: null, limit: 20, now: StoreSamples.Now).Count;

    /// <summary>The newest 20, read or not.</summary>
    [Benchmark]
    public int InboxAll() => _samples.Store.QueryInbox("peer-3", unreadOnly: false, from: null, limit: 20, now: StoreSamples.Now).Count;

    [Benchmark]
    public void StateSet()
    {
        string key = NextKey();
        _samples.Store.BeginBatch();
        long version = _samples.Store.GetState("load", key)?.Entry.Version ?? 0;
        _samples.Store.PutState(StoreSamples.Entry(key, version + 1));
        _samples.Store.AppendEvent(EventTypes.StateChanged, "peer-1", EventData.Of(("namespace", "load"), ("key", key), ("version", version + 1), ("updatedBy", "peer-1")), StoreSamples.Now);
        _samples.Store.CommitBatch();
    }

    [Benchmark]
    public long StateGet() => _samples.Store.GetState("load", NextKey())?.Entry.Version ?? 0;

    private string NextKey() => _samples.KeyNames[(int)(_next++ % StoreSamples.Keys)];
}
