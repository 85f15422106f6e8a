using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Storage;

/// <summary>A corrupt database is moved aside with a clear log line, never silently deleted, and the broker starts fresh.</summary>
public sealed class CorruptDatabaseTests
{
    [Fact]
    public async Task A_file_that_is_not_a_database_is_moved_aside_and_the_broker_serves_with_a_fresh_one()
    {
        await using var home = new ProcessHome();
        byte[] garbage = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31))];
        await File.WriteAllBytesAsync(home.Home.DatabasePath, garbage, TestContext.Current.CancellationToken);

        await AssertMovedAsideAndServingAsync(home, garbage);
    }

    [Fact]
    public async Task A_database_with_damaged_pages_is_moved_aside_and_the_broker_serves_with_a_fresh_one()
    {
        await using var home = new ProcessHome();
        await using (InProcessMesh mesh = await InProcessMesh.StartAsync(directory: home.Directory))
        {
            MeshClient alice = await mesh.ConnectAsync("alice");
            await mesh.ConnectAsync("bob");
            for (int i = 0; i < 200; i++)
            {
                await alice.SendAsync("bob", $"message {i} " + new string('x', 500), cancellationToken: TestContext.Current.CancellationToken);
            }
        }

        // Keep the header (so it still looks like SQLite), overwrite pages in the middle.
        byte[] database = await File.ReadAllBytesAsync(home.Home.DatabasePath, TestContext.Current.CancellationToken);
        Assert.True(database.Length > 8 * 4096, "the database should span many pages");
        for (int i = 4096 * 2; i < database.Length - 4096; i += 7)
        {
            database[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(home.Home.DatabasePath, database, TestContext.Current.CancellationToken);
        await AssertMovedAsideAndServingAsync(home, database);
    }

    private static async Task AssertMovedAsideAndServingAsync(ProcessHome home, byte[] original)
    {
        AgentProcess broker = await home.StartBrokerAsync();
        AgentProcess alice = await home.ConnectAgentAsync("alice", "--launcher", "none");
        AgentProcess bob = await home.ConnectAgentAsync("bob", "--launcher", "none");
        Assert.Equal(broker.Pid, alice.Lines("connected")[0].Num("brokerPid"));
        alice.Send("send bob fresh start");
        Assert.Equal("fresh start", (await bob.WaitForAsync("message")).Str("payload"));

        // The database moves with its -wal and -shm, if SQLite had created them, so they still open together.
        string movedTo = Assert.Single(Directory.GetFiles(home.Directory, "mesh.db.corrupt-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        Assert.Equal(original, await File.ReadAllBytesAsync(movedTo, TestContext.Current.CancellationToken));
        string line = Assert.Single(File.ReadAllLines(home.Home.LogPath), l => l.Contains("is corrupt or not a database", StringComparison.Ordinal));
        Assert.Contains(movedTo, line, StringComparison.Ordinal);
        Assert.Contains("ERRO", line, StringComparison.Ordinal);
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log", Path.GetFileName(movedTo));
        await home.StopAllAsync();
        Assert.Equal("ok", Database.IntegrityCheck(home.Home.DatabasePath));
        Assert.Equal(1, Database.Count(home.Home.DatabasePath, "SELECT count(*) FROM messages"));
    }
}
