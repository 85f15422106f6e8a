namespace SlmMesh.Cli.Install;

/// <summary>
/// Finds the commands the installer registers. Agents resolve relative commands against their own folder and
/// editors launched from a desktop have a different PATH, so a command found is written as its absolute path.
/// </summary>
internal static class CommandLocator
{
    /// <summary>The absolute path of <paramref name="name"/> on the PATH or in <c>~/.dotnet/tools</c>, or null.</summary>
    public static string? Find(string name, CliContext context)
    {
        string[] names = OperatingSystem.IsWindows() ? [name + ".exe", name + ".cmd", name] : [name];
        IEnumerable<string> folders = (context.Variable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(context.UserHome, ".dotnet", "tools"));
        foreach (string folder in folders)
        {
            foreach (string candidate in names)
            {
                string path = Path.Combine(folder, candidate);
                if (File.Exists(path) && IsExecutable(path))
                {
                    return Path.GetFullPath(path);
                }
            }
        }

        return null;
    }

    /// <summary>How hooks run this CLI: found on PATH, else the running program (through dotnet when it is a dll).</summary>
    public static string CurrentCli(CliContext context)
    {
        if (Find("slm-mesh", context) is { } found)
        {
            return Shell(found);
        }

        string? process = Environment.ProcessPath;
        if (process is null)
        {
            return "slm-mesh";
        }

        if (string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return Shell(process) + " " + Shell(Path.Combine(AppContext.BaseDirectory, "slm-mesh.dll"));
        }

        return Shell(process);
    }

    /// <summary>Quotes a path for the shell that runs hook commands, when it needs it.</summary>
    public static string Shell(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '~' or '\\')
            ? path
            : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
