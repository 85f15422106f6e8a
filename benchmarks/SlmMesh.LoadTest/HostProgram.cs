namespace SlmMesh.LoadTest;

/// <summary>
/// A host program the <c>hosts</c> scenario runs (<c>slm-mesh-mcp</c> or <c>slm-mesh</c>) and how it was built:
/// a JIT apphost has its <c>.dll</c> (or <c>.runtimeconfig.json</c>) beside it, a Native AOT build has neither.
/// </summary>
internal sealed record HostProgram(string Executable, bool IsNativeAot)
{
    public string Build => IsNativeAot ? "Native AOT" : "JIT";

    public string Describe() =>
        $"{Executable} ({Build}: {(IsNativeAot ? "no" : "a")} {Path.GetFileName(Executable)}.dll beside it)";

    /// <summary>
    /// <paramref name="given"/>, or else the Release apphost of <paramref name="project"/> in the repository
    /// (found by walking up to <c>SlmMesh.sln</c> from the current folder, then from this tool's folder).
    /// Null, with what to do in <paramref name="problem"/>, when it is not there.
    /// </summary>
    public static HostProgram? Find(string? given, string project, string name, string option, out string? problem)
    {
        string build = $"dotnet build {project} -c Release";
        string? path = given;
        if (path is null)
        {
            string? root = RepositoryRoot(Environment.CurrentDirectory) ?? RepositoryRoot(AppContext.BaseDirectory);
            if (root is null)
            {
                problem = $"{name}: no SlmMesh.sln above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}. Run from the repository after `{build}`, or pass {option} PATH.";
                return null;
            }

            path = Path.Combine(root, project, "bin", "Release", "net10.0", name);
        }

        if (!File.Exists(path))
        {
            problem = given is null
                ? $"{name}: {path} does not exist. Build it first, from the repository root: `{build}` (or pass {option} PATH, e.g. a Native AOT publish)."
                : $"{name}: {path} does not exist ({option}).";
            return null;
        }

        // A symbolic link (a tool shim, a published folder linked elsewhere) is judged where it points.
        string target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        string folder = Path.GetDirectoryName(target)!;
        string stem = Path.GetFileName(target);
        bool managed = File.Exists(Path.Combine(folder, stem + ".dll")) || File.Exists(Path.Combine(folder, stem + ".runtimeconfig.json"));
        problem = null;
        return new HostProgram(path, IsNativeAot: !managed);
    }

    private static string? RepositoryRoot(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SlmMesh.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
