using BenchmarkDotNet.Attributes;

namespace SlmMesh.Benchmarks;

/// <summary>
/// Writes to the broker's SQLite store on a real file (WAL, synchronous=NORMAL), as the engine does them: a
/// message and its <c>message_sent</c> event in a transaction of their own (a lone send), or 100 of them in
/// one (the engine's group commit under load). <see cref="MessageIds"/> compares random message ids, what
/// clients send today, with time-ordered ones: the <c>UNIQUE (id, recipient)</c> index takes a random leaf
/// page per message with the former. <see cref="CheckpointPages"/> at 100,000 (instead of the store's 1,000)
/// shows what the WAL checkpoints that SQLite runs inside a commit (with two fsyncs each) add.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private StoreSamples _samples = null!;

    [Params("random", "time-ordered")]
    public string MessageIds { get; set; } = "random";

    [Params(1_000, 100_000)]
    public int CheckpointPages { get; set; } = 1_000;

    [GlobalSetup]
    public void Setup()
    {
        _samples = new StoreSamples(orderedIds: MessageIds != "random");
        using Microsoft.Data.Sqlite.SqliteCommand pragma = _samples.Store.ConnectionForTesting.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint = " + CheckpointPages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        pragma.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup() => _samples.Delete();

    /// <summary>One send per transaction: the commit is most of it.</summary>
    [Benchmark]
    public void InsertMessageAndEvent()
    {
        _samples.Store.BeginBatch();
        _samples.InsertMessageAndEvent("peer-1");
        _samples.Store.CommitBatch();
    }

    /// <summary>Per message, when 100 sends share one transaction.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public void InsertBatchOf100()
    {
        _samples.Store.BeginBatch();
        for (int i = 0; i < 100; i++)
        {
            _samples.InsertMessageAndEvent("peer-1");
        }

        _samples.Store.CommitBatch();
    }
}
