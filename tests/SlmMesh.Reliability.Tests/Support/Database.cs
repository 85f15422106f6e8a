using Microsoft.Data.Sqlite;

namespace SlmMesh.Reliability.Tests.Support;

/// <summary>Looks into a mesh.db after its broker stopped: integrity and what it holds.</summary>
public static class Database
{
    public static string IntegrityCheck(string path) => (string)Scalar(path, "PRAGMA integrity_check")!;

    public static long Count(string path, string sql) => (long)Scalar(path, sql)!;

    /// <summary>The payloads of every stored copy for a recipient.</summary>
    public static HashSet<string> Payloads(string path, string recipient)
    {
        using SqliteConnection connection = Open(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM messages WHERE recipient = @r";
        command.Parameters.AddWithValue("@r", recipient);
        using SqliteDataReader reader = command.ExecuteReader();
        var payloads = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            payloads.Add(reader.GetString(0));
        }

        return payloads;
    }

    private static object? Scalar(string path, string sql)
    {
        using SqliteConnection connection = Open(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
