namespace SlmMesh.LoadTest;

/// <summary>What one scenario measured, and under which machine load.</summary>
internal sealed class ScenarioResult(string name, string description)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public List<Figure> Figures { get; } = [];

    /// <summary>What was measured, in words (which program, which build): key and text.</summary>
    public List<KeyValuePair<string, string>> Notes { get; } = [];

    public double LoadBefore { get; set; }

    public double LoadAfter { get; set; }

    public double Seconds { get; set; }

    public string? Error { get; set; }

    public void Add(string key, string label, double value, string unit, Goal? goal = null) =>
        Figures.Add(new Figure(key, label, value, unit, goal));

    public void Note(string key, string text) => Notes.Add(new(key, text));

    /// <summary>p50, p99 and max of a latency (with goals for the first two when given), and the sample count.</summary>
    public void AddLatency(string key, string label, LatencySummary summary, Goal? p50Goal = null, Goal? p99Goal = null)
    {
        Add(key + ".p50Us", label + " p50", summary.P50, "µs", p50Goal);
        Add(key + ".p99Us", label + " p99", summary.P99, "µs", p99Goal);
        Add(key + ".maxUs", label + " max", summary.Max, "µs");
        Add(key + ".samples", label + " samples", summary.Count, "");
    }

    /// <summary>
    /// p50, p90 and p99 of a latency in milliseconds (a goal for the p50 when given), and the sample count: for
    /// process start-ups, where samples are tens and the p99 is close to the slowest.
    /// </summary>
    public void AddMilliseconds(string key, string label, LatencySummary summary, Goal? p50Goal = null)
    {
        Add(key + ".p50Ms", label + " p50", summary.P50 / 1000, "ms", p50Goal);
        Add(key + ".p90Ms", label + " p90", summary.P90 / 1000, "ms");
        Add(key + ".p99Ms", label + " p99", summary.P99 / 1000, "ms");
        Add(key + ".samples", label + " samples", summary.Count, "");
    }
}
