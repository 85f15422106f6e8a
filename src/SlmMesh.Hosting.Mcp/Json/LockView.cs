namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>A lock as tool results show it, with the time left so a model need not compute it.</summary>
internal sealed record LockView(
    string Path,
    bool? Glob,
    string HolderId,
    string HolderName,
    string? Reason,
    long FencingToken,
    string AcquiredAt,
    string ExpiresAt,
    long ExpiresInSeconds)
{
    public static LockView Of(LockInfo info, TimeProvider time) => new(
        info.Path,
        info.IsGlob ? true : null,
        info.HolderId,
        info.HolderName,
        info.Reason,
        info.FencingToken,
        Iso.Format(info.AcquiredAt),
        Iso.Format(info.ExpiresAt),
        Math.Max(0, (info.ExpiresAt - time.GetUtcNow().ToUnixTimeMilliseconds()) / 1000));
}
