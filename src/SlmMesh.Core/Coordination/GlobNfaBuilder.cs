namespace SlmMesh.Coordination;

/// <summary>
/// Builds a <see cref="GlobNfa"/> with epsilon edges, then removes them. Keeps the parser free of
/// automaton bookkeeping.
/// </summary>
internal sealed class GlobNfaBuilder
{
    private readonly List<List<GlobTransition>> _edges = [];
    private readonly List<List<int>> _epsilons = [];

    /// <summary>Adds a state and returns its number; the first one is the start.</summary>
    public int NewState()
    {
        _edges.Add([]);
        _epsilons.Add([]);
        return _edges.Count - 1;
    }

    /// <summary>Adds an edge from <paramref name="from"/> on <paramref name="set"/> to <paramref name="to"/>.</summary>
    public void Add(int from, CharSet set, int to) => _edges[from].Add(new GlobTransition(set, to));

    /// <summary>Adds a state reached from <paramref name="from"/> on <paramref name="set"/> and returns it.</summary>
    public int Step(int from, CharSet set)
    {
        int to = NewState();
        Add(from, set, to);
        return to;
    }

    /// <summary>Adds an edge that consumes nothing.</summary>
    public void Epsilon(int from, int to) => _epsilons[from].Add(to);

    /// <summary>
    /// The epsilon-free automaton: every state takes the edges of its epsilon closure and accepts when its
    /// closure holds <paramref name="accept"/> (or <paramref name="coverAccept"/> for the covering language).
    /// </summary>
    public GlobNfa Build(int accept, int coverAccept)
    {
        int n = _edges.Count;
        var transitions = new GlobTransition[n][];
        var accepts = new bool[n];
        var coverAccepts = new bool[n];
        var seen = new int[n];
        var stack = new Stack<int>();
        var closureEdges = new List<GlobTransition>();
        for (int q = 0; q < n; q++)
        {
            closureEdges.Clear();
            int stamp = q + 1;
            seen[q] = stamp;
            stack.Push(q);
            while (stack.Count > 0)
            {
                int s = stack.Pop();
                accepts[q] |= s == accept;
                coverAccepts[q] |= s == coverAccept;
                // Each edge belongs to one state and each state is visited once: no duplicates.
                closureEdges.AddRange(_edges[s]);

                foreach (int t in _epsilons[s])
                {
                    if (seen[t] != stamp)
                    {
                        seen[t] = stamp;
                        stack.Push(t);
                    }
                }
            }

            transitions[q] = [.. closureEdges];
        }

        return new GlobNfa(transitions, accepts, coverAccepts);
    }
}
