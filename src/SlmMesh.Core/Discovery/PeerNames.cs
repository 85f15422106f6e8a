using System.Text;

namespace SlmMesh.Discovery;

/// <summary>Peer display names: derived from agent and folder, cleaned, and made unique.</summary>
internal static class PeerNames
{
    /// <summary>The longest name, in UTF-16 chars.</summary>
    public const int MaxLength = 64;

    // Tries before giving up on an isTaken that always says yes.
    private const int MaxAttempts = 10_000;

    /// <summary>The default name: <c>&lt;agentType&gt;@&lt;folder name&gt;</c>, e.g. <c>claude-code@my-repo</c>; the agent type alone for a root folder.</summary>
    public static string Derive(string agentType, string cwd)
    {
        string type = string.IsNullOrWhiteSpace(agentType) ? AgentTypes.Unknown : agentType;
        string folder = string.IsNullOrWhiteSpace(cwd) ? string.Empty : Path.GetFileName(Path.TrimEndingDirectorySeparator(cwd.Trim()));
        return Sanitize(folder.Trim().Length == 0 ? type : $"{type}@{folder}");
    }

    /// <summary><paramref name="wanted"/> (sanitized) if free, else the first free of <c>wanted-2</c>, <c>wanted-3</c>..., each within <see cref="MaxLength"/>.</summary>
    public static string MakeUnique(string wanted, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        string name = Sanitize(wanted);
        for (int n = 1; n <= MaxAttempts; n++)
        {
            string candidate = n == 1 ? name : WithSuffix(name, $"-{n}");
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }

        throw new MeshException(MeshErrorCode.Conflict, $"No free peer name like '{name}' after {MaxAttempts} tries.");
    }

    /// <summary>
    /// Trims, drops control characters, collapses whitespace runs to one space and cuts to
    /// <see cref="MaxLength"/> chars (never inside a surrogate pair).
    /// </summary>
    /// <exception cref="MeshException"><see cref="MeshErrorCode.InvalidArgument"/> when nothing is left, or for <c>all</c> (it means broadcast).</exception>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(Math.Min(name?.Length ?? 0, MaxLength * 2));
        bool pendingSpace = false;
        foreach (char c in name ?? string.Empty)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
            }
            else if (!char.IsControl(c))
            {
                builder.Append(pendingSpace ? " " : string.Empty).Append(c);
                pendingSpace = false;
            }
        }

        string clean = Cut(builder.ToString(), MaxLength);
        if (clean.Length == 0)
        {
            throw new MeshException(MeshErrorCode.InvalidArgument, "A peer name must contain at least one visible character.");
        }

        if (clean.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            throw new MeshException(MeshErrorCode.InvalidArgument, "The peer name 'all' is reserved: it addresses every peer.");
        }

        return clean;
    }

    private static string WithSuffix(string name, string suffix) => Cut(name, MaxLength - suffix.Length) + suffix;

    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        int end = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..end].TrimEnd();
    }
}
