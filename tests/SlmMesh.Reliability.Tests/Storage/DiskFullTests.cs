using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Storage;

/// <summary>A full disk: sends fail with storage_error, everything acknowledged stays, the database stays sound.</summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task When_the_database_cannot_grow_sends_are_refused_and_nothing_acknowledged_is_lost()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob");
        var ledger = new SendLedger();

        await StoreFaults.LimitGrowthAsync(mesh.Broker, pages: 40);
        await ledger.SendUntilRefusedAsync(alice, "bob", "full", 4000, refusals: 5);
        int whileFull = ledger.Acknowledged.Count;
        await StoreFaults.UnlimitedAsync(mesh.Broker);
        await ledger.SendAsync(alice, "bob", "room again");

        Assert.InRange(whileFull, 1, 100);
        Assert.Equal(whileFull + 1, ledger.Acknowledged.Count);
        Assert.All(ledger.RefusalMessages, m => Assert.Contains("Free disk space", m, StringComparison.Ordinal));
        await ledger.AssertDeliveredAsync(bob);
        await mesh.Broker.DisposeAsync();
        Assert.Equal("ok", Database.IntegrityCheck(mesh.Home.DatabasePath));
        Assert.Equal(ledger.Acknowledged.Select(a => a.Payload).Order(), Database.Payloads(mesh.Home.DatabasePath, bob.PeerId).Order());
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db");
    }
}
