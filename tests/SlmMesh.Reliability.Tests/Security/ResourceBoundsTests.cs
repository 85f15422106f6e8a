using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Security;

/// <summary>What one client can make the broker hold in memory is bounded, whatever it asks.</summary>
public sealed class ResourceBoundsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_long_distinct_globs_do_not_accumulate_in_the_broker()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        MeshClient holder = await mesh.ConnectAsync("holder");
        MeshClient asker = await mesh.ConnectAsync("asker");
        await holder.AcquireLockAsync("/srv/**", cancellationToken: Ct);
        long before = GC.GetTotalMemory(forceFullCollection: true);

        // Each query compares a new 4000-character glob with the held one.
        for (int i = 0; i < Scale.Of(400); i++)
        {
            await asker.QueryLocksAsync($"/srv/{i}/" + string.Concat(Enumerable.Repeat("x*/", 1300)) + "**", Ct);
        }

        long growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"400 long globs left {growth / 1024} KiB behind.");
        Assert.InRange(growth, long.MinValue, 32L * 1024 * 1024);
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock");
    }
}
