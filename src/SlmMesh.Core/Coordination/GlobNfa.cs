using System.Buffers;

namespace SlmMesh.Coordination;

/// <summary>
/// An epsilon-free automaton over the "segment form" of a path: every segment followed by a separator
/// (<c>/a/b</c> is read as <c>/a/b/</c>, the root <c>/</c> as itself). In that form <c>**</c> is simply
/// "zero or more segments", and "this path and everything below it" is "then anything".
/// </summary>
/// <remarks>
/// Runs simulate the set of live states, so matching is linear in the path times the pattern, whatever
/// the pattern: there is no backtracking to blow up.
/// </remarks>
internal sealed class GlobNfa
{
    private const int StackStates = 128;

    private readonly GlobTransition[][] _transitions;
    private readonly bool[] _accepts;
    private readonly bool[] _coverAccepts;
    private bool[]? _canFinishCovered;

    public GlobNfa(GlobTransition[][] transitions, bool[] accepts, bool[] coverAccepts)
    {
        _transitions = transitions;
        _accepts = accepts;
        _coverAccepts = coverAccepts;
    }

    /// <summary>The number of states; state 0 is the start.</summary>
    public int StateCount => _transitions.Length;

    /// <summary>The edges leaving a state.</summary>
    public GlobTransition[] TransitionsOf(int state) => _transitions[state];

    /// <summary>Whether the pattern matches once the input ends in <paramref name="state"/>.</summary>
    public bool Accepts(int state) => _accepts[state];

    /// <summary>Whether a path matched by the pattern, or one below such a path, ends in <paramref name="state"/>.</summary>
    public bool CoverAccepts(int state) => _coverAccepts[state];

    /// <summary>Whether the pattern matches <paramref name="path"/>.</summary>
    public bool Matches(ReadOnlySpan<char> path) => Run(path, cover: false);

    /// <summary>
    /// Whether some path is both covered by the pattern (matched, or below a match) and equal to or below
    /// <paramref name="path"/>: the lock conflict test between this glob and a plain path.
    /// </summary>
    public bool CoversAnyUnder(ReadOnlySpan<char> path) => Run(path, cover: true);

    private bool Run(ReadOnlySpan<char> path, bool cover)
    {
        if (path.IsEmpty)
        {
            return false;
        }

        int n = StateCount;
        int[]? rented = null;
        Span<int> buffer = n <= StackStates
            ? stackalloc int[StackStates * 3]
            : (rented = ArrayPool<int>.Shared.Rent(n * 3));
        try
        {
            Span<int> current = buffer[..n];
            Span<int> next = buffer.Slice(n, n);
            Span<int> marks = buffer.Slice(2 * n, n);
            marks.Clear();
            current[0] = 0;
            int count = 1;
            int generation = 0;
            char previous = '\0';
            bool ended = false;
            for (int i = 0; !ended; i++)
            {
                char c;
                if (i < path.Length)
                {
                    c = path[i];
                    if (c == '/' && previous == '/')
                    {
                        continue;
                    }
                }
                else if (previous != '/')
                {
                    // The separator that closes the last segment; the root already ends with one.
                    c = '/';
                    ended = true;
                }
                else
                {
                    break;
                }

                count = Step(current[..count], next, marks, ++generation, c);
                if (count == 0)
                {
                    return false;
                }

                Span<int> swap = current;
                current = next;
                next = swap;
                previous = c;
            }

            var final = cover ? CanFinishCovered() : _accepts;
            foreach (int q in current[..count])
            {
                if (final[q])
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    private int Step(ReadOnlySpan<int> from, Span<int> to, Span<int> marks, int generation, char c)
    {
        int count = 0;
        foreach (int q in from)
        {
            foreach (var edge in _transitions[q])
            {
                if (marks[edge.Target] != generation && edge.Set.Contains(c))
                {
                    marks[edge.Target] = generation;
                    to[count++] = edge.Target;
                }
            }
        }

        return count;
    }

    // For each state, right after a separator: can some well-formed continuation reach a covering
    // accept? Computed once, backwards from the accepting states over (state, last char was '/') pairs.
    private bool[] CanFinishCovered()
    {
        // Computed at most a few times under a race, always whole before it is published.
        if (Volatile.Read(ref _canFinishCovered) is { } known)
        {
            return known;
        }

        int n = StateCount;
        var reverse = new List<int>[n * 2];
        for (int i = 0; i < reverse.Length; i++)
        {
            reverse[i] = [];
        }

        // Node q*2 is "in q after a separator", q*2+1 is "in q inside a segment".
        for (int q = 0; q < n; q++)
        {
            foreach (var edge in _transitions[q])
            {
                CharSet.Classify(edge.Set, CharSet.AnyChar, out bool slash, out char other);
                if (slash)
                {
                    reverse[edge.Target * 2].Add(q * 2 + 1);
                }

                if (other != '\0')
                {
                    reverse[edge.Target * 2 + 1].Add(q * 2);
                    reverse[edge.Target * 2 + 1].Add(q * 2 + 1);
                }
            }
        }

        var good = new bool[n * 2];
        var pending = new Stack<int>();
        for (int q = 0; q < n; q++)
        {
            if (_coverAccepts[q])
            {
                good[q * 2] = true;
                pending.Push(q * 2);
            }
        }

        while (pending.Count > 0)
        {
            foreach (int source in reverse[pending.Pop()])
            {
                if (!good[source])
                {
                    good[source] = true;
                    pending.Push(source);
                }
            }
        }

        var result = new bool[n];
        for (int q = 0; q < n; q++)
        {
            result[q] = good[q * 2];
        }

        Volatile.Write(ref _canFinishCovered, result);
        return result;
    }
}
