using System.Buffers;
using System.Collections.Concurrent;

namespace SlmMesh.Coordination;

/// <summary>
/// What a lock is on: normalising the path or glob a peer sends, and deciding whether two locks
/// overlap. Paths are case-sensitive: <c>/src/A.cs</c> and <c>/src/a.cs</c> are different locks even
/// on a case-insensitive file system.
/// </summary>
internal static partial class LockPaths
{
    // Enough for every live lock of a busy mesh; past it the cache starts over rather than grow.
    private const int MaxCachedGlobs = 4096;
    private const long MaxCachedChars = 256 * 1024;

    private static readonly SearchValues<char> GlobChars = SearchValues.Create("*?[");
    private static readonly ConcurrentDictionary<string, GlobPattern> Globs = new(StringComparer.Ordinal);
    private static long _cachedChars;

    /// <summary>Whether <paramref name="path"/> is a glob: it contains <c>*</c>, <c>?</c> or <c>[</c>.</summary>
    public static bool IsGlob(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.AsSpan().ContainsAny(GlobChars);
    }

    /// <summary>
    /// Whether two normalised locks conflict: some path is covered by both. A plain path covers itself and
    /// everything below it; a glob covers every path it matches and everything below those. Exact: it
    /// reports a conflict if and only if such a path exists.
    /// </summary>
    public static bool Conflicts(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        bool globA = IsGlob(a);
        bool globB = IsGlob(b);
        if (!globA && !globB)
        {
            return IsSameOrBelow(a, b) || IsSameOrBelow(b, a);
        }

        if (globA && globB)
        {
            return GlobPattern.CoversOverlap(GetGlob(a), GetGlob(b));
        }

        return globA ? GetGlob(a).CoversAnyUnder(b) : GetGlob(b).CoversAnyUnder(a);
    }

    /// <summary>Whether plain path <paramref name="path"/> is <paramref name="folder"/> or below it.</summary>
    public static bool IsSameOrBelow(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);
        if (folder == "/")
        {
            return path.StartsWith('/');
        }

        // A sibling with a common prefix (/a/bc against /a/b) is not below: the next char must be '/'.
        return path.StartsWith(folder, StringComparison.Ordinal)
            && (path.Length == folder.Length || path[folder.Length] == '/');
    }

    private static GlobPattern GetGlob(string pattern)
    {
        if (Globs.TryGetValue(pattern, out var glob))
        {
            return glob;
        }

        // A parsed glob costs about 70 bytes per character: bound the cache by characters as well as by
        // count, or a client naming thousands of long globs would make the broker hold a gigabyte.
        if (Globs.Count >= MaxCachedGlobs || Interlocked.Add(ref _cachedChars, pattern.Length) > MaxCachedChars)
        {
            Globs.Clear();
            Interlocked.Exchange(ref _cachedChars, pattern.Length);
        }

        return Globs.GetOrAdd(pattern, GlobPattern.Parse);
    }
}
