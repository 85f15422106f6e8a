namespace SlmMesh.Coordination;

/// <summary>
/// Resolves symbolic links in an absolute path the way the kernel walks it, as far as the path exists:
/// each existing component is checked and a link is replaced by its target, so <c>..</c> after a link
/// goes to the parent of the target. Components that do not exist (yet) are kept as written, with
/// <c>..</c> among them applied lexically.
/// </summary>
internal static class PhysicalPath
{
    // The kernel gives up (ELOOP) after 40 links; so do we.
    private const int MaxLinks = 40;

    private enum Kind
    {
        Missing,
        Exists,
        Link,
    }

    /// <summary>
    /// The physical segments of the absolute path made of <paramref name="segments"/>; empty and
    /// <c>.</c> segments are skipped.
    /// </summary>
    public static List<string> Resolve(IReadOnlyList<string> segments)
    {
        var resolved = new List<string>(segments.Count);
        var pending = new Stack<string>(segments.Count);
        for (int i = segments.Count - 1; i >= 0; i--)
        {
            pending.Push(segments[i]);
        }

        // resolved[..known] exist physically; past the first missing component nothing is looked up.
        int known = 0;
        int links = 0;
        while (pending.Count > 0)
        {
            string segment = pending.Pop();
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                    known = Math.Min(known, resolved.Count);
                }

                continue;
            }

            if (known < resolved.Count)
            {
                resolved.Add(segment);
                continue;
            }

            switch (Probe(Join(resolved, segment), out string? target))
            {
                case Kind.Exists:
                    resolved.Add(segment);
                    known = resolved.Count;
                    break;
                case Kind.Link:
                    if (++links > MaxLinks)
                    {
                        throw new MeshException(
                            MeshErrorCode.InvalidArgument,
                            $"Too many levels of symbolic links at '{Join(resolved, segment)}'.");
                    }

                    if (target![0] == '/')
                    {
                        resolved.Clear();
                        known = 0;
                    }

                    var parts = target.Split('/');
                    for (int i = parts.Length - 1; i >= 0; i--)
                    {
                        pending.Push(parts[i]);
                    }

                    break;
                default:
                    resolved.Add(segment);
                    break;
            }
        }

        return resolved;
    }

    /// <summary>The absolute path of <paramref name="segments"/>: <c>/</c> when there are none.</summary>
    public static string Join(List<string> segments) => "/" + string.Join('/', segments);

    private static string Join(List<string> segments, string last) =>
        segments.Count == 0 ? "/" + last : "/" + string.Join('/', segments) + "/" + last;

    private static Kind Probe(string path, out string? target)
    {
        target = null;
        try
        {
            // One lstat: a dangling link exists (writing through it creates its target).
            var info = new FileInfo(path);
            var attributes = info.Attributes;
            if ((int)attributes == -1)
            {
                return Kind.Missing;
            }

            if ((attributes & FileAttributes.ReparsePoint) != 0)
            {
                target = info.LinkTarget;
                if (!string.IsNullOrEmpty(target))
                {
                    return Kind.Link;
                }
            }

            return Kind.Exists;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable is as good as missing: keep the rest as written.
            return Kind.Missing;
        }
    }
}
