using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

public sealed class LockRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_peers_locking_the_same_path_at_once_a_thousand_times_exactly_one_wins_each_time()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        long lastToken = 0;

        for (int round = 0; round < 1000; round++)
        {
            string path = $"race/{round % 7}.txt";
            Task<LockInfo> ta = a.AcquireLockAsync(path, cancellationToken: Ct);
            Task<LockInfo> tb = b.AcquireLockAsync(path, cancellationToken: Ct);
            await Task.WhenAll(ta.ContinueWith(_ => { }, Ct), tb.ContinueWith(_ => { }, Ct));

            Task<LockInfo> lost = Assert.Single(new[] { ta, tb }, t => t.IsFaulted);
            LockInfo winner = await Assert.Single(new[] { ta, tb }, t => t.IsCompletedSuccessfully);
            Assert.Equal(MeshErrorCode.Locked, Assert.IsType<MeshException>(lost.Exception!.InnerException).Code);
            if (round % 7 == 0)
            {
                Assert.True(winner.FencingToken > lastToken || round == 0);
                lastToken = winner.FencingToken;
            }

            MeshClient holder = winner.HolderId == a.PeerId ? a : b;
            Assert.True(await holder.ReleaseLockAsync(path, Ct));
        }
    }

    [Fact]
    public async Task Overlapping_globs_conflict_and_disjoint_ones_do_not()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        await a.AcquireLockAsync("src/**/*.sql", cancellationToken: Ct);

        var overlapping = await Assert.ThrowsAsync<MeshException>(() => b.AcquireLockAsync("src/db/*.sql", cancellationToken: Ct));
        LockInfo disjoint = await b.AcquireLockAsync("docs/**", cancellationToken: Ct);
        var file = await Assert.ThrowsAsync<MeshException>(() => b.AcquireLockAsync("src/db/schema.sql", cancellationToken: Ct));

        Assert.Equal(MeshErrorCode.Locked, overlapping.Code);
        Assert.Equal(MeshErrorCode.Locked, file.Code);
        Assert.True(disjoint.IsGlob);
        Assert.Equal(2, (await a.QueryLocksAsync(cancellationToken: Ct)).Count);
        Assert.Single(await a.QueryLocksAsync("src/db/schema.sql", Ct));
    }
}
