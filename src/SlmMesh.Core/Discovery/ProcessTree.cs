namespace SlmMesh.Discovery;

/// <summary>
/// Reads the process tree without spawning anything: Linux through <c>/proc</c>, macOS through
/// libproc and sysctl, Windows through ntdll. Every method answers "unknown" rather than throwing
/// when a process is gone or not readable.
/// </summary>
internal static partial class ProcessTree
{
    /// <summary>
    /// The process itself first, then its parent, grandparent... up to <paramref name="maxDepth"/>
    /// entries or pid 1 (or a parent of 0). Empty if the process is unknown or the platform unsupported.
    /// </summary>
    public static IReadOnlyList<ProcessEntry> GetAncestry(int processId, int maxDepth = 32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        var ancestry = new List<ProcessEntry>();
        var seen = new HashSet<int>();
        int current = processId;
        while (current > 0 && ancestry.Count < maxDepth && seen.Add(current) && TryRead(current, out ProcessEntry entry))
        {
            ancestry.Add(entry);
            if (current == 1)
            {
                break;
            }

            current = entry.ParentProcessId;
        }

        return ancestry;
    }

    /// <summary>Whether the process exists and has not exited (a Linux or macOS zombie counts as exited). False for 0 or negative ids.</summary>
    public static bool IsAlive(int processId)
    {
        if (processId <= 0)
        {
            return false;
        }

        try
        {
            if (OperatingSystem.IsLinux())
            {
                return IsAliveLinux(processId);
            }

            if (OperatingSystem.IsMacOS())
            {
                return IsAliveMacOS(processId);
            }

            if (OperatingSystem.IsWindows())
            {
                return IsAliveWindows(processId);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="ancestorProcessId"/> is <paramref name="processId"/> itself or one of its
    /// ancestors. Equal ids count as true: an agent's own process acts for the agent, the same as its helpers.
    /// </summary>
    public static bool IsAncestor(int ancestorProcessId, int processId)
    {
        if (ancestorProcessId <= 0 || processId <= 0)
        {
            return false;
        }

        foreach (ProcessEntry entry in GetAncestry(processId, maxDepth: 256))
        {
            if (entry.ProcessId == ancestorProcessId)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryRead(int processId, out ProcessEntry entry)
    {
        entry = default;
        try
        {
            if (OperatingSystem.IsLinux())
            {
                return TryReadLinux(processId, out entry);
            }

            if (OperatingSystem.IsMacOS())
            {
                return TryReadMacOS(processId, out entry);
            }

            if (OperatingSystem.IsWindows())
            {
                return TryReadWindows(processId, out entry);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
        }

        return false;
    }
}
