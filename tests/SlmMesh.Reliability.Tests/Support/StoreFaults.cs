using Microsoft.Data.Sqlite;

namespace SlmMesh.Reliability.Tests.Support;

/// <summary>Storage faults injected into a running in-process broker's own SQLite connection, on its engine thread.</summary>
public static class StoreFaults
{
    /// <summary>Every write fails with SQLITE_READONLY until <see cref="WritableAsync"/>.</summary>
    public static Task ReadOnlyAsync(MeshBroker broker) => ExecuteAsync(broker, "PRAGMA query_only = 1");

    public static Task WritableAsync(MeshBroker broker) => ExecuteAsync(broker, "PRAGMA query_only = 0");

    /// <summary>The file may not grow by more than <paramref name="pages"/> pages: then SQLITE_FULL, as on a full disk.</summary>
    public static Task LimitGrowthAsync(MeshBroker broker, int pages) =>
        broker.InvokeOnEngineForTestingAsync(store =>
        {
            long count = (long)Scalar(store.ConnectionForTesting, "PRAGMA page_count")!;
            Scalar(store.ConnectionForTesting, $"PRAGMA max_page_count = {count + pages}");
        });

    public static Task UnlimitedAsync(MeshBroker broker) => ExecuteAsync(broker, "PRAGMA max_page_count = 4294967294");

    private static Task ExecuteAsync(MeshBroker broker, string sql) =>
        broker.InvokeOnEngineForTestingAsync(store => Scalar(store.ConnectionForTesting, sql));

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
