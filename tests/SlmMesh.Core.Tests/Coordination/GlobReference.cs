namespace SlmMesh.Core.Tests.Coordination;

/// <summary>
/// A deliberately naive recursive glob matcher (exponential, fine for tiny inputs) used as an
/// independent oracle for the automata. Understands the classes the random generator emits.
/// </summary>
internal static class GlobReference
{
    public static bool Matches(string pattern, string path)
    {
        if (path.Length == 0 || (pattern[0] == '/') != (path[0] == '/'))
        {
            return false;
        }

        return MatchSegments(Split(pattern), 0, Split(path), 0);
    }

    /// <summary>Whether the path or one of its ancestors matches.</summary>
    public static bool Covers(string pattern, string path)
    {
        string[] segments = Split(path);
        string prefix = path[0] == '/' ? "/" : "";
        for (int n = path[0] == '/' ? 0 : 1; n <= segments.Length; n++)
        {
            if (Matches(pattern, prefix + string.Join('/', segments[..n])))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Split(string text) => text.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool MatchSegments(string[] pattern, int pi, string[] path, int si)
    {
        if (pi == pattern.Length)
        {
            return si == path.Length;
        }

        if (pattern[pi] == "**")
        {
            for (int k = si; k <= path.Length; k++)
            {
                if (MatchSegments(pattern, pi + 1, path, k))
                {
                    return true;
                }
            }

            return false;
        }

        return si < path.Length && MatchSegment(pattern[pi], 0, path[si], 0) && MatchSegments(pattern, pi + 1, path, si + 1);
    }

    private static bool MatchSegment(string p, int i, string s, int j)
    {
        if (i == p.Length)
        {
            return j == s.Length;
        }

        switch (p[i])
        {
            case '*':
                for (int k = j; k <= s.Length; k++)
                {
                    if (MatchSegment(p, i + 1, s, k))
                    {
                        return true;
                    }
                }

                return false;
            case '?':
                return j < s.Length && MatchSegment(p, i + 1, s, j + 1);
            case '[':
                int close = p.IndexOf(']', i + 2);
                return j < s.Length && InClass(p[(i + 1)..close], s[j]) && MatchSegment(p, close + 1, s, j + 1);
            default:
                return j < s.Length && p[i] == s[j] && MatchSegment(p, i + 1, s, j + 1);
        }
    }

    private static bool InClass(string body, char c)
    {
        bool negate = body[0] == '!';
        string members = negate ? body[1..] : body;
        bool found = members.Length == 3 && members[1] == '-'
            ? members[0] <= c && c <= members[2]
            : members.Contains(c, StringComparison.Ordinal);
        return found != negate;
    }
}
