using Microsoft.Data.Sqlite;

namespace SlmMesh.Core.Tests.Store;

/// <summary>The store's statements stay cheap as tables grow: checked on SQLite's own query plans.</summary>
public sealed class MeshStorePlanTests : StoreTestBase
{
    [Fact]
    public void No_statement_but_pruning_scans_the_messages_or_events_table()
    {
        string[] statements = [.. Store.PreparedSql.Where(sql => (sql.Contains("messages", StringComparison.Ordinal) || sql.Contains("events", StringComparison.Ordinal)) && !IsMessagePruning(sql) && !IsEventPruning(sql))];

        Assert.True(statements.Length >= 10);
        foreach (string sql in statements)
        {
            Assert.DoesNotContain(Plan(sql), step => step is "SCAN messages" or "SCAN events");
        }
    }

    [Fact]
    public void Unread_lookups_walk_only_the_unread_index()
    {
        string[] statements = [.. Store.PreparedSql.Where(sql => sql.StartsWith("SELECT", StringComparison.Ordinal) && sql.Contains("read_at IS NULL", StringComparison.Ordinal))];

        Assert.Equal(3, statements.Length);
        foreach (string sql in statements)
        {
            Assert.Contains(Plan(sql), step => step.Contains("INDEX messages_unread", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Event_pruning_deletes_a_range_of_ids_found_by_a_scan_in_id_order_that_stops_at_the_first_kept_event()
    {
        string events = Assert.Single(Store.PreparedSql, IsEventPruning);
        List<string> plan = Plan(events);

        // The delete is a rowid range; the bound comes from walking ids upwards (no sort: the walk ends at the first
        // match, so its cost is the events deleted), or from max(id), a single seek.
        Assert.Contains("SEARCH events USING INTEGER PRIMARY KEY (rowid<?)", plan);
        Assert.Contains("SCAN events", plan);
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain(Store.PreparedSql, sql => sql.Contains("events_created_at", StringComparison.Ordinal));

        // By design: two indexes on every send would cost more than a scan every few minutes.
        Assert.Equal(2, Store.PreparedSql.Count(IsMessagePruning));
    }

    private static bool IsEventPruning(string sql) => sql.StartsWith("DELETE FROM events", StringComparison.Ordinal);

    private static bool IsMessagePruning(string sql) => sql.StartsWith("DELETE FROM messages WHERE read_at", StringComparison.Ordinal) || sql.StartsWith("DELETE FROM messages WHERE expires_at", StringComparison.Ordinal);

    private List<string> Plan(string sql)
    {
        using SqliteCommand command = Store.ConnectionForTesting.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }
}
