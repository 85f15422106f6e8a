using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

public sealed class StateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_write_raises_the_version_and_records_the_writer()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");

        StateEntry first = await a.SetStateAsync("k", "1", cancellationToken: Ct);
        StateEntry second = await a.SetStateAsync("k", "2", cancellationToken: Ct);
        StateEntry? read = await a.GetStateAsync("k", cancellationToken: Ct);

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal("default", read?.Namespace);
        Assert.Equal("2", read?.Value);
        Assert.Equal(a.PeerId, read?.UpdatedBy);
    }

    [Fact]
    public async Task Compare_and_swap_fails_with_the_current_version()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        await a.SetStateAsync("k", "1", "ns", expectedVersion: 0, cancellationToken: Ct);

        var exists = await Assert.ThrowsAsync<MeshException>(() => a.SetStateAsync("k", "x", "ns", expectedVersion: 0, cancellationToken: Ct));
        var stale = await Assert.ThrowsAsync<MeshException>(() => a.SetStateAsync("k", "x", "ns", expectedVersion: 7, cancellationToken: Ct));
        StateEntry swapped = await a.SetStateAsync("k", "2", "ns", expectedVersion: 1, cancellationToken: Ct);

        Assert.Equal(MeshErrorCode.Conflict, exists.Code);
        Assert.Equal(1, exists.Error?.CurrentVersion);
        Assert.Equal(1, stale.Error?.CurrentVersion);
        Assert.Equal(2, swapped.Version);
    }

    [Fact]
    public async Task A_deleted_key_is_gone_but_its_version_keeps_rising()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        await a.SetStateAsync("k", "1", cancellationToken: Ct);

        var deleted = await a.DeleteStateAsync("k", cancellationToken: Ct);
        StateEntry? gone = await a.GetStateAsync("k", cancellationToken: Ct);
        StateEntry recreated = await a.SetStateAsync("k", "again", expectedVersion: 0, cancellationToken: Ct);

        Assert.True(deleted.Deleted);
        Assert.Null(gone);
        Assert.Equal(3, recreated.Version);
    }

    [Fact]
    public async Task Concurrent_compare_and_swap_increments_lose_no_update()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient[] writers = [await mesh.ConnectAsync("w1"), await mesh.ConnectAsync("w2"), await mesh.ConnectAsync("w3"), await mesh.ConnectAsync("w4")];
        await writers[0].SetStateAsync("counter", "0", expectedVersion: 0, cancellationToken: Ct);
        const int perWriter = 25;

        await Task.WhenAll(writers.Select(async writer =>
        {
            for (int done = 0; done < perWriter;)
            {
                StateEntry current = (await writer.GetStateAsync("counter", cancellationToken: Ct))!;
                try
                {
                    await writer.SetStateAsync("counter", (int.Parse(current.Value) + 1).ToString(), expectedVersion: current.Version, cancellationToken: Ct);
                    done++;
                }
                catch (MeshException ex) when (ex.Code == MeshErrorCode.Conflict)
                {
                    // Someone else won this round: read again.
                }
            }
        }));

        StateEntry final = (await writers[0].GetStateAsync("counter", cancellationToken: Ct))!;
        Assert.Equal((writers.Length * perWriter).ToString(), final.Value);
        Assert.Equal(1 + (writers.Length * perWriter), final.Version);
    }

    [Fact]
    public async Task Listing_filters_by_namespace_and_prefix()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        await a.SetStateAsync("api/v1", "x", "contracts", cancellationToken: Ct);
        await a.SetStateAsync("api/v2", "y", "contracts", cancellationToken: Ct);
        await a.SetStateAsync("db/schema", "z", "contracts", cancellationToken: Ct);
        await a.SetStateAsync("api/v9", "w", cancellationToken: Ct);

        var api = await a.ListStateAsync("contracts", "api/", Ct);
        var all = await a.ListStateAsync(cancellationToken: Ct);

        Assert.Equal(["api/v1", "api/v2"], api.Select(e => e.Key));
        Assert.Equal(4, all.Count);
    }
}
