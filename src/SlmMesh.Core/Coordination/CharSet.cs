namespace SlmMesh.Coordination;

/// <summary>
/// A set of UTF-16 code units kept as sorted, disjoint, inclusive ranges: the alphabet of the glob
/// automata. Symbolic sets keep the automata small however wide a class or wildcard is.
/// </summary>
/// <remarks>NUL never belongs to a set: no path can contain it.</remarks>
internal readonly struct CharSet
{
    private const char Slash = '/';

    // lo0, hi0, lo1, hi1, ...: sorted, disjoint, not adjacent.
    private readonly char[] _ranges;

    private CharSet(char[] ranges)
    {
        _ranges = ranges;
    }

    /// <summary>Just the separator.</summary>
    public static CharSet SlashOnly { get; } = new([Slash, Slash]);

    /// <summary>Any character of a segment: everything but the separator.</summary>
    public static CharSet AnyButSlash { get; } = new(['\u0001', (char)(Slash - 1), (char)(Slash + 1), char.MaxValue]);

    /// <summary>Any character, the separator included.</summary>
    public static CharSet AnyChar { get; } = new(['\u0001', char.MaxValue]);

    /// <summary>Whether no character belongs to the set.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>The set of one character.</summary>
    public static CharSet Single(char c) => c == '\0' ? new([]) : new([c, c]);

    /// <summary>
    /// The set of a bracket class: the union of <paramref name="ranges"/>, complemented when
    /// <paramref name="negate"/>, and never containing the separator (a class matches within a segment).
    /// </summary>
    public static CharSet FromClass(List<(char Lo, char Hi)> ranges, bool negate)
    {
        ranges.Sort((x, y) => x.Lo.CompareTo(y.Lo));
        var merged = new List<char>(ranges.Count * 2);
        foreach (var (lo, hi) in ranges)
        {
            if (merged.Count > 0 && lo <= merged[^1] + 1)
            {
                merged[^1] = (char)Math.Max(merged[^1], hi);
            }
            else
            {
                merged.Add(lo);
                merged.Add(hi);
            }
        }

        CharSet set = new([.. merged]);
        if (negate)
        {
            set = set.Complement();
        }

        return Intersect(set, AnyButSlash);
    }

    /// <summary>Whether <paramref name="c"/> belongs to the set.</summary>
    public bool Contains(char c)
    {
        var r = _ranges;
        for (int i = 0; i < r.Length; i += 2)
        {
            if (c < r[i])
            {
                return false;
            }

            if (c <= r[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Describes the intersection of two sets without building it: whether it holds the separator, and a
    /// character of it other than the separator (preferring a readable one), or NUL when there is none.
    /// </summary>
    public static void Classify(CharSet a, CharSet b, out bool hasSlash, out char other)
    {
        hasSlash = false;
        other = '\0';
        int score = 0;
        var x = a._ranges;
        var y = b._ranges;
        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            char lo = (char)Math.Max(x[i], y[j]);
            char hi = (char)Math.Min(x[i + 1], y[j + 1]);
            if (lo <= hi)
            {
                if (lo <= Slash && Slash <= hi)
                {
                    hasSlash = true;
                }

                if (lo < Slash)
                {
                    Consider(lo, ref other, ref score);
                }

                if (hi > Slash)
                {
                    Consider((char)Math.Max(lo, (char)(Slash + 1)), ref other, ref score);
                }

                // A readable letter inside the range beats its first character.
                if (lo <= 'a' && 'a' <= hi)
                {
                    Consider('a', ref other, ref score);
                }
            }

            if (x[i + 1] < y[j + 1])
            {
                i += 2;
            }
            else
            {
                j += 2;
            }
        }
    }

    /// <summary>The common part of two sets.</summary>
    public static CharSet Intersect(CharSet a, CharSet b)
    {
        var x = a._ranges;
        var y = b._ranges;
        var result = new List<char>();
        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            char lo = (char)Math.Max(x[i], y[j]);
            char hi = (char)Math.Min(x[i + 1], y[j + 1]);
            if (lo <= hi)
            {
                result.Add(lo);
                result.Add(hi);
            }

            if (x[i + 1] < y[j + 1])
            {
                i += 2;
            }
            else
            {
                j += 2;
            }
        }

        return new([.. result]);
    }

    private CharSet Complement()
    {
        var result = new List<char>();
        char next = '\u0001';
        bool done = false;
        for (int i = 0; i < _ranges.Length && !done; i += 2)
        {
            if (_ranges[i] > next)
            {
                result.Add(next);
                result.Add((char)(_ranges[i] - 1));
            }

            if (_ranges[i + 1] == char.MaxValue)
            {
                done = true;
            }
            else
            {
                next = (char)Math.Max(next, _ranges[i + 1] + 1);
            }
        }

        if (!done)
        {
            result.Add(next);
            result.Add(char.MaxValue);
        }

        return new([.. result]);
    }

    // Witnesses read better with letters and digits than with control characters.
    private static void Consider(char c, ref char best, ref int bestScore)
    {
        int score = char.IsAsciiLetterLower(c) ? 3 : char.IsAsciiLetterOrDigit(c) ? 2 : c > ' ' ? 1 : 0;
        if (best == '\0' || score > bestScore)
        {
            best = c;
            bestScore = score;
        }
    }
}
