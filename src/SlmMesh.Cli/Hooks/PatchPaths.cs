namespace SlmMesh.Cli.Hooks;

/// <summary>
/// The files an <c>apply_patch</c> edit touches (Codex): the paths on its <c>*** Update File: </c>,
/// <c>*** Add File: </c>, <c>*** Delete File: </c> and <c>*** Move to: </c> lines, in order, without repeats.
/// </summary>
internal static class PatchPaths
{
    private static readonly string[] Markers = ["*** Update File:", "*** Add File:", "*** Delete File:", "*** Move to:"];

    public static IReadOnlyList<string> Parse(string patch)
    {
        var paths = new List<string>();
        foreach (string raw in patch.ReplaceLineEndings("\n").Split('\n'))
        {
            string line = raw.TrimStart();
            foreach (string marker in Markers)
            {
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    string path = line[marker.Length..].Trim();
                    if (path.Length > 0 && !paths.Contains(path, StringComparer.Ordinal))
                    {
                        paths.Add(path);
                    }

                    break;
                }
            }
        }

        return paths;
    }
}
