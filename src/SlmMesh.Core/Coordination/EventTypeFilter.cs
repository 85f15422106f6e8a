using System.Buffers;

namespace SlmMesh.Coordination;

/// <summary>
/// Which event types a reader or subscriber wants: exact names (<c>file_locked</c>) or names with
/// <c>*</c> wildcards anywhere (<c>file_*</c>, <c>*_locked</c>, <c>peer_*_at</c>). Case-sensitive. No
/// patterns, or a pattern made only of <c>*</c>, means every type (<see cref="All"/>).
/// </summary>
internal sealed class EventTypeFilter
{
    private static readonly SearchValues<char> ValidChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_.*-");

    private readonly HashSet<string> _exact;
    private readonly string[][] _wildcards;

    private EventTypeFilter(IReadOnlyList<string> patterns, HashSet<string> exact, string[][] wildcards, bool isAll)
    {
        Patterns = patterns;
        _exact = exact;
        _wildcards = wildcards;
        IsAll = isAll;
    }

    /// <summary>The filter that lets every type through; its <see cref="Patterns"/> is empty.</summary>
    public static EventTypeFilter All { get; } = new([], new HashSet<string>(StringComparer.Ordinal), [], isAll: true);

    /// <summary>Whether every type matches.</summary>
    public bool IsAll { get; }

    /// <summary>The distinct patterns, in the order given (empty for <see cref="All"/>).</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>
    /// A filter matching any of <paramref name="patterns"/>. Only <c>a-z 0-9 _ . - *</c> are allowed;
    /// anything else, or an empty pattern, throws <see cref="MeshException"/> (invalid_argument).
    /// </summary>
    public static EventTypeFilter Create(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var distinct = new List<string>();
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var wildcards = new List<string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool isAll = false;
        foreach (string pattern in patterns)
        {
            Validate(pattern);
            if (!seen.Add(pattern))
            {
                continue;
            }

            distinct.Add(pattern);
            if (!pattern.Contains('*', StringComparison.Ordinal))
            {
                exact.Add(pattern);
            }
            else if (pattern.AsSpan().IndexOfAnyExcept('*') < 0)
            {
                isAll = true;
            }
            else
            {
                wildcards.Add(pattern.Split('*'));
            }
        }

        return distinct.Count == 0 || isAll ? All : new EventTypeFilter([.. distinct], exact, [.. wildcards], isAll: false);
    }

    /// <summary>Whether <paramref name="type"/> passes the filter.</summary>
    public bool Matches(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (IsAll || _exact.Contains(type))
        {
            return true;
        }

        foreach (var parts in _wildcards)
        {
            if (MatchesWildcard(type, parts))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => IsAll ? "*" : string.Join(',', Patterns);

    // parts is the pattern split at '*': the first part is a prefix, the last a suffix, and the middle
    // ones must appear in order between them. Taking each middle part at its leftmost place is optimal,
    // so one forward scan decides: no backtracking.
    private static bool MatchesWildcard(string type, string[] parts)
    {
        string prefix = parts[0];
        string suffix = parts[^1];
        if (type.Length < prefix.Length + suffix.Length
            || !type.StartsWith(prefix, StringComparison.Ordinal)
            || !type.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var middle = type.AsSpan(prefix.Length, type.Length - prefix.Length - suffix.Length);
        for (int i = 1; i < parts.Length - 1; i++)
        {
            int at = middle.IndexOf(parts[i], StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            middle = middle[(at + parts[i].Length)..];
        }

        return true;
    }

    private static void Validate(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            throw new MeshException(MeshErrorCode.InvalidArgument, "An event type filter cannot be empty.");
        }

        if (pattern.AsSpan().IndexOfAnyExcept(ValidChars) >= 0)
        {
            throw new MeshException(
                MeshErrorCode.InvalidArgument,
                $"The event type filter '{pattern}' is invalid: use only a-z, 0-9, '_', '.', '-' and the wildcard '*'.");
        }
    }
}
