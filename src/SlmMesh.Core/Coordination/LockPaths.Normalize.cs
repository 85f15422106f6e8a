namespace SlmMesh.Coordination;

internal static partial class LockPaths
{
    /// <summary>The longest path or glob accepted, before and after normalisation (Linux's PATH_MAX).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>
    /// The canonical form of a lock target, so that two spellings of one file are one lock: absolute,
    /// <c>.</c>, <c>..</c> and duplicate or trailing separators removed, relative paths resolved against
    /// <paramref name="cwd"/>, symbolic links resolved as far as the path exists (the nearest existing
    /// folder of a file not created yet). For a glob only the literal prefix (the segments before the
    /// first one with a wildcard) is resolved, and <c>..</c> may not follow a wildcard segment. <c>~</c> is
    /// not expanded. Case is preserved.
    /// </summary>
    /// <exception cref="MeshException">invalid_argument: empty, NUL, too long, a relative path without an
    /// absolute <paramref name="cwd"/>, a malformed glob, or a symbolic link loop.</exception>
    public static string Normalize(string path, string? cwd)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw Invalid("A lock needs a file path or glob; it was empty.");
        }

        CheckText(path, "path");
        string full;
        if (path[0] == '/')
        {
            full = path;
        }
        else if (cwd is null)
        {
            throw Invalid($"The relative path '{path}' needs the caller's working directory, and none was given.");
        }
        else if (cwd.Length == 0 || cwd[0] != '/')
        {
            throw Invalid($"The relative path '{path}' cannot be resolved: the working directory '{cwd}' is not absolute.");
        }
        else
        {
            CheckText(cwd, "working directory");
            full = cwd + "/" + path;
        }

        var segments = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int firstGlob = Array.FindIndex(segments, IsGlob);
        int literalCount = firstGlob < 0 ? segments.Length : firstGlob;
        var resolved = PhysicalPath.Resolve(new ArraySegment<string>(segments, 0, literalCount));
        for (int i = literalCount; i < segments.Length; i++)
        {
            string segment = segments[i];
            if (segment == ".")
            {
                continue;
            }

            // The parent of "every match of *" or "any depth" is not one folder: refuse rather than guess.
            if (segment == "..")
            {
                throw Invalid($"The glob '{path}' has '..' after a wildcard; write the folder without it.");
            }

            resolved.Add(segment);
        }

        string result = PhysicalPath.Join(resolved);
        if (result.Length > MaxPathLength)
        {
            throw Invalid($"The path '{result[..64]}...' is longer than {MaxPathLength} characters.");
        }

        if (firstGlob >= 0)
        {
            // Refuses a malformed class now, and warms the cache for Conflicts.
            GetGlob(result);
        }

        return result;
    }

    private static void CheckText(string text, string what)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid($"The {what} contains a NUL character.");
        }

        if (text.Length > MaxPathLength)
        {
            throw Invalid($"The {what} '{text[..64]}...' is longer than {MaxPathLength} characters.");
        }
    }

    private static MeshException Invalid(string message) => new(MeshErrorCode.InvalidArgument, message);
}
