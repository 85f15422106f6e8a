using Microsoft.Data.Sqlite;
using SlmMesh.Core.Tests.Support;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>
/// The broker commits a batch of acknowledgements alone with the next durable write, a tick, or its stop. The
/// tick is set to an hour here, so only the write or the stop can have committed what these tests see.
/// </summary>
public sealed class DeferredAcknowledgementTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_acknowledgement_waits_for_the_next_send_and_is_durable_once_that_send_is_answered()
    {
        await using MeshFixture mesh = await StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob", o => o with { AutoAcknowledge = false });
        SendResponse first = await alice.SendAsync("bob", "one", cancellationToken: Ct);
        Assert.NotNull(await bob.WaitForMessageAsync(Wait, cancellationToken: Ct));

        Assert.Equal(1, await bob.AcknowledgeAsync([first.Id], Ct));
        Assert.Equal(0, ReadOnDisk(mesh));
        Assert.Empty(await bob.ReadInboxAsync(cancellationToken: Ct)); // the broker itself already counts it read

        await alice.SendAsync("bob", "two", cancellationToken: Ct);
        Assert.Equal(1, ReadOnDisk(mesh));
    }

    [Fact]
    public async Task A_broker_that_stops_commits_the_acknowledgements_still_waiting()
    {
        await using MeshFixture mesh = await StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob", o => o with { AutoAcknowledge = false });
        SendResponse sent = await alice.SendAsync("bob", "one", cancellationToken: Ct);
        Assert.NotNull(await bob.WaitForMessageAsync(Wait, cancellationToken: Ct));
        Assert.Equal(1, await bob.AcknowledgeAsync([sent.Id], Ct));
        Assert.Equal(0, ReadOnDisk(mesh));

        await mesh.Broker.DisposeAsync();

        Assert.Equal(1, ReadOnDisk(mesh));
    }

    private static Task<MeshFixture> StartAsync() => MeshFixture.StartAsync(o => o with { TickInterval = TimeSpan.FromHours(1) });

    private static long ReadOnDisk(MeshFixture mesh)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = mesh.Home.Home.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM messages WHERE read_at IS NOT NULL";
        return (long)command.ExecuteScalar()!;
    }
}
