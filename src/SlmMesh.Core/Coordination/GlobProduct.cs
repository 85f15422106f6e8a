using System.Text;

namespace SlmMesh.Coordination;

/// <summary>
/// Decides whether two glob automata accept a common well-formed path by exploring their product
/// (breadth first, so a witness is a shortest one). A third component tracks well-formedness of the
/// segment form: no empty segment, not empty, ends with a separator.
/// </summary>
/// <remarks>
/// The work is bounded by the number of reachable (state, state, last-char) triples: at most
/// quadratic in the pattern lengths, never exponential.
/// </remarks>
internal static class GlobProduct
{
    // Visited triples live in a bit array up to this many (512 KiB), in a hash set beyond.
    private const long MaxBitmapTriples = 1L << 22;

    // Last character read: nothing yet, a separator, or a segment character.
    private const int AtStart = 0;
    private const int AfterSlash = 1;
    private const int InSegment = 2;

    /// <summary>
    /// Whether some well-formed path is accepted by both automata: matched by both when
    /// <paramref name="covered"/> is false, covered by both (matched, or below a match) when true.
    /// </summary>
    public static bool Intersects(GlobNfa a, GlobNfa b, bool covered) => Search(a, b, covered, null, out _);

    /// <summary>A shortest common path as in <see cref="Intersects"/>, or null when there is none.</summary>
    public static string? FindCommonPath(GlobNfa a, GlobNfa b, bool covered)
    {
        var parents = new Dictionary<long, (long Parent, char C)>();
        if (!Search(a, b, covered, parents, out long found))
        {
            return null;
        }

        var chars = new StringBuilder();
        for (long key = found; parents.TryGetValue(key, out var step); key = step.Parent)
        {
            chars.Insert(0, step.C);
        }

        // Back from the segment form: drop the separator that closes the last segment.
        if (chars.Length > 1)
        {
            chars.Length--;
        }

        return chars.ToString();
    }

    private static bool Search(
        GlobNfa a,
        GlobNfa b,
        bool covered,
        Dictionary<long, (long Parent, char C)>? parents,
        out long found)
    {
        long nb = b.StateCount;
        long triples = a.StateCount * nb * 3;
        var visited = new VisitedSet(triples, MaxBitmapTriples);
        var queue = new Queue<long>();
        long start = AtStart;
        visited.Add(start);
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            long key = queue.Dequeue();
            int v = (int)(key % 3);
            long pair = key / 3;
            int qa = (int)(pair / nb);
            int qb = (int)(pair % nb);
            bool accepts = covered
                ? a.CoverAccepts(qa) && b.CoverAccepts(qb)
                : a.Accepts(qa) && b.Accepts(qb);
            if (accepts && v == AfterSlash)
            {
                found = key;
                return true;
            }

            foreach (var ea in a.TransitionsOf(qa))
            {
                foreach (var eb in b.TransitionsOf(qb))
                {
                    CharSet.Classify(ea.Set, eb.Set, out bool slash, out char other);
                    long target = ((ea.Target * nb) + eb.Target) * 3;
                    if (slash && v != AfterSlash)
                    {
                        Visit(target + AfterSlash, key, '/');
                    }

                    if (other != '\0')
                    {
                        Visit(target + InSegment, key, other);
                    }
                }
            }
        }

        found = -1;
        return false;

        void Visit(long next, long from, char c)
        {
            if (visited.Add(next))
            {
                parents?.Add(next, (from, c));
                queue.Enqueue(next);
            }
        }
    }

    private sealed class VisitedSet
    {
        private readonly ulong[]? _bits;
        private readonly HashSet<long>? _set;

        public VisitedSet(long size, long maxBitmap)
        {
            if (size <= maxBitmap)
            {
                _bits = new ulong[(size + 63) / 64];
            }
            else
            {
                _set = [];
            }
        }

        public bool Add(long key)
        {
            if (_bits is null)
            {
                return _set!.Add(key);
            }

            ref ulong word = ref _bits[key >> 6];
            ulong mask = 1UL << (int)(key & 63);
            if ((word & mask) != 0)
            {
                return false;
            }

            word |= mask;
            return true;
        }
    }
}
