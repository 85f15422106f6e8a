using SlmMesh.Transport.Messages;

namespace SlmMesh;

public sealed partial class MeshClient
{
    /// <summary>
    /// Takes (or renews) an advisory lock on a path or glob. Relative paths are resolved against this
    /// peer's folder. Fails at once with <c>locked</c> when another peer holds a conflicting lock, unless
    /// <paramref name="wait"/> lets it queue.
    /// </summary>
    /// <param name="path">A file, folder or glob (<c>src/auth/**</c>).</param>
    /// <param name="reason">Why, shown to peers that run into it.</param>
    /// <param name="ttl">Time to live, 1 to 60 minutes (default 10).</param>
    /// <param name="wait">How long to wait for a conflicting lock to end (default: fail at once).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The lock, with its fencing token.</returns>
    /// <exception cref="MeshException"><c>locked</c> with the holder in <see cref="MeshException.Error"/>; <c>invalid_argument</c>.</exception>
    public Task<LockInfo> AcquireLockAsync(string path, string? reason = null, TimeSpan? ttl = null, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var request = new LockAcquireRequest
        {
            Path = path,
            Reason = reason,
            TtlMs = (long)(ttl ?? TimeSpan.Zero).TotalMilliseconds,
            WaitMs = (long)(wait ?? TimeSpan.Zero).TotalMilliseconds,
            Cwd = _options.Cwd is null ? _registration?.Cwd : Path.GetFullPath(_options.Cwd),
        };
        // A queued request is answered only when the lock frees or the wait ends: that is not a broker timeout.
        return RequestAsync<LockInfo>(MeshOperations.AcquireLock, request, cancellationToken, brokerWait: wait ?? TimeSpan.Zero);
    }

    /// <summary>Releases a lock this peer holds.</summary>
    /// <param name="path">The path or glob as locked.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether a lock was held and is now released.</returns>
    public async Task<bool> ReleaseLockAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var request = new LockReleaseRequest { Path = path, Cwd = _options.Cwd is null ? _registration?.Cwd : Path.GetFullPath(_options.Cwd) };
        LockReleaseResponse response = await RequestAsync<LockReleaseResponse>(MeshOperations.ReleaseLock, request, cancellationToken).ConfigureAwait(false);
        return response.Released;
    }

    /// <summary>Lists live locks, or those that conflict with a path.</summary>
    /// <param name="path">A path or glob, or null for all locks.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The locks.</returns>
    public async Task<IReadOnlyList<LockInfo>> QueryLocksAsync(string? path = null, CancellationToken cancellationToken = default)
    {
        string cwd = _registration?.Cwd ?? Path.GetFullPath(_options.Cwd ?? Environment.CurrentDirectory);
        LockListResponse response = await RequestAsync<LockListResponse>(MeshOperations.QueryLocks, new LockQueryRequest { Path = path, Cwd = cwd }, cancellationToken).ConfigureAwait(false);
        return response.Locks;
    }
}
