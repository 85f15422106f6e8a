using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Storage;

/// <summary>A database that stops accepting writes: a clear storage_error, the broker keeps serving, nothing is lost or corrupted.</summary>
public sealed class ReadOnlyDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_SQLite_refuses_writes_requests_fail_with_storage_error_and_the_broker_recovers()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob");
        var ledger = new SendLedger();
        await ledger.SendAsync(alice, "bob", "before");

        await StoreFaults.ReadOnlyAsync(mesh.Broker);
        await ledger.SendAsync(alice, "bob", "while read-only");
        var lockRefused = await Assert.ThrowsAsync<MeshException>(() => alice.AcquireLockAsync("f.txt", cancellationToken: Ct));
        var stateRefused = await Assert.ThrowsAsync<MeshException>(() => alice.SetStateAsync("k", "v", cancellationToken: Ct));
        await StoreFaults.WritableAsync(mesh.Broker);
        await ledger.SendAsync(alice, "bob", "after");

        Assert.Equal(["while read-only"], ledger.Refused);
        Assert.Contains("could not write to its database", ledger.RefusalMessages[0], StringComparison.Ordinal);
        Assert.Equal(MeshErrorCode.StorageError, lockRefused.Code);
        Assert.Equal(MeshErrorCode.StorageError, stateRefused.Code);
        Assert.Empty(await alice.QueryLocksAsync(cancellationToken: Ct));
        await ledger.AssertDeliveredAsync(bob);
        await mesh.Broker.DisposeAsync();
        Assert.Equal("ok", Database.IntegrityCheck(mesh.Home.DatabasePath));
        Assert.Equal(["after", "before"], Database.Payloads(mesh.Home.DatabasePath, bob.PeerId).Order());
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db");
    }

    [Fact]
    public async Task While_the_database_files_are_immutable_requests_fail_with_storage_error_and_resume_once_writable()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        Assert.SkipUnless(Privileged.CanMakeImmutable(mesh.Directory), "Needs root and chattr to make a file unwritable for root.");
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob");
        var ledger = new SendLedger();
        await ledger.SendAsync(alice, "bob", "before");
        string[] files = [mesh.Home.DatabasePath, mesh.Home.DatabasePath + "-wal"];

        try
        {
            Privileged.Immutable(true, files);
            await ledger.SendUntilRefusedAsync(alice, "bob", "immutable", 100, refusals: 3, max: 50);
        }
        finally
        {
            Privileged.Immutable(false, files);
        }

        await ledger.SendAsync(alice, "bob", "after");
        Assert.Equal(3, ledger.Refused.Count);
        Assert.Equal("after", ledger.Acknowledged[^1].Payload);
        await ledger.AssertDeliveredAsync(bob);
        await mesh.Broker.DisposeAsync();
        Assert.Equal("ok", Database.IntegrityCheck(mesh.Home.DatabasePath));
        Assert.Equal(ledger.Acknowledged.Select(a => a.Payload).Order(), Database.Payloads(mesh.Home.DatabasePath, bob.PeerId).Order());
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db");
    }
}
