using System.Text;

namespace SlmMesh.Discovery;

internal static partial class ProcessTree
{
    // Enough for any agent's argv prefix; a pathological command line is cut here, not read whole.
    private const int MaxCommandLineBytes = 64 * 1024;

    /// <summary>
    /// Parses <c>/proc/&lt;pid&gt;/stat</c>: <c>pid (comm) state ppid ...</c>. The comm may hold spaces,
    /// parentheses and ')' itself, so it ends at the last ')' of the line, never the first.
    /// </summary>
    internal static bool TryParseStat(string stat, out string name, out char state, out int parentProcessId)
    {
        name = string.Empty;
        state = '?';
        parentProcessId = 0;
        int open = stat.IndexOf('(', StringComparison.Ordinal);
        int close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return false;
        }

        ReadOnlySpan<char> rest = stat.AsSpan(close + 1).TrimStart();
        int space = rest.IndexOf(' ');
        if (space != 1)
        {
            return false;
        }

        ReadOnlySpan<char> parent = rest[2..];
        int end = parent.IndexOf(' ');
        if (!int.TryParse(end < 0 ? parent : parent[..end], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out parentProcessId))
        {
            return false;
        }

        name = stat[(open + 1)..close];
        state = rest[0];
        return true;
    }

    private static bool TryReadLinux(int processId, out ProcessEntry entry)
    {
        entry = default;
        if (!TryReadStatLinux(processId, out string name, out _, out int parent))
        {
            return false;
        }

        entry = new ProcessEntry(processId, parent, name, ReadCommandLineLinux(processId));
        return true;
    }

    private static bool IsAliveLinux(int processId) =>
        TryReadStatLinux(processId, out _, out char state, out _) && state is not ('Z' or 'X' or 'x');

    private static bool TryReadStatLinux(int processId, out string name, out char state, out int parent)
    {
        name = string.Empty;
        state = '?';
        parent = 0;
        string path = $"/proc/{processId}/stat";
        if (!File.Exists(path))
        {
            return false;
        }

        return TryParseStat(File.ReadAllText(path), out name, out state, out parent);
    }

    private static string? ReadCommandLineLinux(int processId)
    {
        try
        {
            using var stream = new FileStream($"/proc/{processId}/cmdline", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            byte[] buffer = new byte[MaxCommandLineBytes];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            return JoinArguments(buffer.AsSpan(0, total));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>NUL-separated arguments to one line; null when there are none (kernel threads, zombies).</summary>
    internal static string? JoinArguments(ReadOnlySpan<byte> arguments)
    {
        arguments = arguments.TrimEnd((byte)0);
        if (arguments.IsEmpty)
        {
            return null;
        }

        return Encoding.UTF8.GetString(arguments).Replace('\0', ' ');
    }
}
