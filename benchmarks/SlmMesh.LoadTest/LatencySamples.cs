using System.Diagnostics;

namespace SlmMesh.LoadTest;

/// <summary>Durations in <see cref="Stopwatch"/> ticks; thread-safe adds, percentiles in microseconds.</summary>
internal sealed class LatencySamples
{
    private readonly Lock _gate = new();
    private readonly List<long> _ticks;

    public LatencySamples(int capacity = 1024) => _ticks = new List<long>(capacity);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ticks.Count;
            }
        }
    }

    public void Add(long ticks)
    {
        lock (_gate)
        {
            _ticks.Add(ticks);
        }
    }

    public void AddRange(LatencySamples other)
    {
        long[] theirs;
        lock (other._gate)
        {
            theirs = [.. other._ticks];
        }

        lock (_gate)
        {
            _ticks.AddRange(theirs);
        }
    }

    /// <summary>Nearest-rank percentile (0..1) in microseconds; 0 when empty.</summary>
    public LatencySummary Summarize()
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = [.. _ticks];
        }

        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }

        double Us(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        double P(double q) => Us(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)]);
        double mean = 0;
        foreach (long t in sorted)
        {
            mean += Us(t);
        }

        return new LatencySummary(sorted.Length, P(0.50), P(0.90), P(0.99), P(0.999), Us(sorted[^1]), mean / sorted.Length);
    }
}
