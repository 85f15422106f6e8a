namespace SlmMesh.Coordination;

/// <summary>
/// A path glob: <c>*</c> any characters but '/', <c>**</c> as a whole segment any number of segments
/// (none included, so <c>src/**</c> matches <c>src</c> too), <c>?</c> one character but '/',
/// <c>[abc]</c>, <c>[a-z]</c>, <c>[!a]</c> (or <c>[^a]</c>) one character of a class. Everything else,
/// backslash included, is literal; matching is ordinal (case-sensitive) on UTF-16 code units.
/// </summary>
/// <remarks>
/// Empty segments in the pattern and in paths are ignored and a trailing '/' is insignificant. Dot
/// files get no special treatment. A <c>**</c> inside a segment (<c>a**</c>) is a plain <c>*</c>.
/// Parsed patterns are immutable and safe to share between threads.
/// </remarks>
internal sealed class GlobPattern
{
    private readonly GlobNfa _nfa;

    private GlobPattern(string pattern, GlobNfa nfa)
    {
        Pattern = pattern;
        _nfa = nfa;
    }

    /// <summary>The text the pattern was parsed from.</summary>
    public string Pattern { get; }

    /// <summary>Parses a glob; a malformed class throws <see cref="MeshException"/> (invalid_argument).</summary>
    public static GlobPattern Parse(string pattern) => new(pattern, GlobParser.Parse(pattern));

    /// <summary>Whether the pattern matches the whole of <paramref name="path"/>.</summary>
    public bool IsMatch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _nfa.Matches(path);
    }

    /// <summary>Whether some path is matched by both patterns.</summary>
    public static bool Overlaps(GlobPattern a, GlobPattern b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return GlobProduct.Intersects(a._nfa, b._nfa, covered: false);
    }

    /// <summary>
    /// Whether some path is covered by both patterns, covered meaning matched or below a match: the
    /// conflict test between two glob locks.
    /// </summary>
    public static bool CoversOverlap(GlobPattern a, GlobPattern b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return GlobProduct.Intersects(a._nfa, b._nfa, covered: true);
    }

    /// <summary>
    /// Whether some path covered by this pattern is <paramref name="path"/> or below it: the conflict test
    /// between a glob lock and a plain path lock.
    /// </summary>
    public bool CoversAnyUnder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _nfa.CoversAnyUnder(path);
    }

    /// <summary>
    /// A shortest path matched (or, with <paramref name="covered"/>, covered) by both patterns, or null
    /// when there is none. For diagnostics and tests: it explains a conflict.
    /// </summary>
    public static string? FindCommonPath(GlobPattern a, GlobPattern b, bool covered = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return GlobProduct.FindCommonPath(a._nfa, b._nfa, covered);
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
