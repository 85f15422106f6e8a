using System.Globalization;

namespace SlmMesh.LoadTest;

/// <summary>What Linux says about the machine and a process (<c>/proc</c>).</summary>
internal static class Machine
{
    /// <summary>The one-minute load average; -1 where <c>/proc/loadavg</c> does not exist.</summary>
    public static double LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ')), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>A field of <c>/proc/&lt;pid&gt;/status</c> in KiB (VmRSS: resident now; VmHWM: the peak); -1 if unknown.</summary>
    public static long StatusKiB(int processId, string field)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    ReadOnlySpan<char> value = line.AsSpan(field.Length + 1).Trim();
                    int space = value.IndexOf(' ');
                    return long.Parse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    public static long FileBytes(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>Whether a process exists and has not exited (a zombie waiting for its parent counts as exited).</summary>
    public static bool IsRunning(int processId) => Stat(processId) is { } stat && stat.State is not ('Z' or 'X');

    /// <summary>The parent of a process; -1 if unknown.</summary>
    public static int ParentProcessId(int processId) => Stat(processId)?.Parent ?? -1;

    /// <summary>State and parent from <c>/proc/&lt;pid&gt;/stat</c> ("pid (name) state ppid …"; the name may hold spaces and parentheses).</summary>
    private static (char State, int Parent)? Stat(int processId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ', 3);
        return fields.Length < 2 || fields[0].Length != 1 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int parent)
            ? null
            : (fields[0][0], parent);
    }
}
