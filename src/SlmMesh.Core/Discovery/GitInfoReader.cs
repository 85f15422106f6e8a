using System.Security;

namespace SlmMesh.Discovery;

/// <summary>
/// Finds a folder's git work tree by reading files, without running git: walks up to the nearest
/// <c>.git</c> (a folder, or a <c>gitdir: &lt;path&gt;</c> file in linked worktrees and submodules) and
/// reads its HEAD.
/// </summary>
internal static class GitInfoReader
{
    private const int MaxLineChars = 4096;
    private const int ShortHashLength = 12;

    /// <summary>The work tree containing <paramref name="directory"/>, or null when there is none or it cannot be read.</summary>
    public static GitInfo? Read(string directory)
    {
        try
        {
            for (var folder = new DirectoryInfo(Path.GetFullPath(directory)); folder is not null; folder = folder.Parent)
            {
                string marker = Path.Combine(folder.FullName, ".git");
                string root = Path.TrimEndingDirectorySeparator(folder.FullName);
                if (File.Exists(marker))
                {
                    string? gitDir = ResolveGitFile(marker, folder.FullName);
                    return new GitInfo(root, gitDir is null ? null : ReadBranch(gitDir));
                }

                // Like git, a .git folder without HEAD is not a repository: keep looking above it.
                if (Directory.Exists(marker) && File.Exists(Path.Combine(marker, "HEAD")))
                {
                    return new GitInfo(root, ReadBranch(marker));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
        }

        return null;
    }

    /// <summary>The branch named by a HEAD file's text; a detached HEAD gives its short hash.</summary>
    internal static string? ParseHead(string? head)
    {
        if (string.IsNullOrWhiteSpace(head))
        {
            return null;
        }

        head = head.Trim();
        if (head.StartsWith("ref:", StringComparison.Ordinal))
        {
            string target = head["ref:".Length..].Trim();
            string branch = target.StartsWith("refs/heads/", StringComparison.Ordinal) ? target["refs/heads/".Length..] : target;

            // A reftable repository keeps HEAD in the table and writes this placeholder for old clients.
            return branch.Length == 0 || branch == ".invalid" ? null : branch;
        }

        bool isHash = head.Length is 40 or 64 && head.All(char.IsAsciiHexDigit);
        return isHash ? head[..ShortHashLength].ToLowerInvariant() : null;
    }

    private static string? ResolveGitFile(string marker, string folder)
    {
        string? line = ReadFirstLine(marker);
        if (line is null || !line.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            return null;
        }

        string path = line["gitdir:".Length..].Trim();
        return path.Length == 0 ? null : Path.GetFullPath(path, folder);
    }

    private static string? ReadBranch(string gitDir)
    {
        string head = Path.Combine(gitDir, "HEAD");
        return File.Exists(head) ? ParseHead(ReadFirstLine(head)) : null;
    }

    private static string? ReadFirstLine(string path)
    {
        using var reader = new StreamReader(path);
        char[] buffer = new char[MaxLineChars];
        int length = reader.ReadBlock(buffer, 0, buffer.Length);
        ReadOnlySpan<char> text = buffer.AsSpan(0, length);
        int end = text.IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).ToString();
    }
}
