using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

public sealed class LockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_conflicting_lock_is_refused_at_once_naming_holder_reason_and_time_left()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("alice");
        MeshClient b = await mesh.ConnectAsync("bob");

        LockInfo held = await a.AcquireLockAsync("src/auth/**", "refactoring", cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<MeshException>(() => b.AcquireLockAsync("src/auth/login.cs", cancellationToken: Ct));

        Assert.Equal(Path.Combine(mesh.Home.Directory, "src/auth/**"), held.Path);
        Assert.Equal(MeshErrorCode.Locked, refused.Code);
        Assert.Equal("alice", refused.Error?.Lock?.HolderName);
        Assert.Equal("refactoring", refused.Error?.Lock?.Reason);
        Assert.InRange(refused.Error?.RetryAfterMs ?? 0, 1, 10 * 60 * 1000);
        Assert.Contains("alice", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_holder_locking_again_renews_with_the_same_fencing_token_and_a_new_grant_gets_a_higher_one()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");

        LockInfo first = await a.AcquireLockAsync("f.txt", cancellationToken: Ct);
        LockInfo renewed = await a.AcquireLockAsync("f.txt", ttl: TimeSpan.FromMinutes(30), cancellationToken: Ct);
        Assert.True(await a.ReleaseLockAsync("f.txt", Ct));
        LockInfo next = await b.AcquireLockAsync("f.txt", cancellationToken: Ct);

        Assert.Equal(first.FencingToken, renewed.FencingToken);
        Assert.True(renewed.ExpiresAt > first.ExpiresAt);
        Assert.True(next.FencingToken > first.FencingToken);
    }

    [Fact]
    public async Task Only_the_holder_can_release()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        await a.AcquireLockAsync("f.txt", cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<MeshException>(() => b.ReleaseLockAsync("f.txt", Ct));

        Assert.Equal(MeshErrorCode.Unauthorized, refused.Code);
        Assert.Single(await b.QueryLocksAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task A_waiting_request_is_granted_when_the_holder_releases()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        await a.AcquireLockAsync("f.txt", cancellationToken: Ct);

        Task<LockInfo> waiting = b.AcquireLockAsync("f.txt", wait: TimeSpan.FromSeconds(20), cancellationToken: Ct);
        await Eventually.TrueAsync(() => Task.FromResult(!waiting.IsCompleted));
        await a.ReleaseLockAsync("f.txt", Ct);
        LockInfo granted = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(b.PeerId, granted.HolderId);
    }

    [Fact]
    public async Task A_lock_wait_longer_than_the_request_timeout_is_not_a_timeout()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b", o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        await a.AcquireLockAsync("f.txt", cancellationToken: Ct);

        Task<LockInfo> waiting = b.AcquireLockAsync("f.txt", wait: TimeSpan.FromSeconds(20), cancellationToken: Ct);

        // Still queued well past the request timeout: the wait is the broker's, not a lost answer.
        await Assert.ThrowsAsync<TimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(1), Ct));
        await a.ReleaseLockAsync("f.txt", Ct);
        LockInfo granted = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(b.PeerId, granted.HolderId);
    }

    [Fact]
    public async Task A_ttl_out_of_range_is_an_invalid_argument()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");

        var tooLong = await Assert.ThrowsAsync<MeshException>(() => a.AcquireLockAsync("f", ttl: TimeSpan.FromMinutes(61), cancellationToken: Ct));
        var tooShort = await Assert.ThrowsAsync<MeshException>(() => a.AcquireLockAsync("f", ttl: TimeSpan.FromSeconds(30), cancellationToken: Ct));

        Assert.Equal(MeshErrorCode.InvalidArgument, tooLong.Code);
        Assert.Equal(MeshErrorCode.InvalidArgument, tooShort.Code);
    }

    [Fact]
    public async Task A_leaving_holder_releases_its_locks()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        await a.AcquireLockAsync("f.txt", cancellationToken: Ct);

        await a.DisposeAsync();
        LockInfo mine = await b.AcquireLockAsync("f.txt", cancellationToken: Ct);

        Assert.Equal(b.PeerId, mine.HolderId);
    }
}
