using SlmMesh.Cli.Commands;
using SlmMesh.Cli.Install;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Cli.Doctor;

/// <summary>The checks of <c>doctor</c>: mesh home and permissions, stale files, the broker, and each agent's set-up.</summary>
internal static class DoctorChecks
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        MeshHome home = context.Home;
        var checks = new List<DoctorCheck>();
        checks.AddRange(Home(home, context.UserHome));
        checks.AddRange(Files(home));
        IReadOnlyList<string> stale = CleanCommand.StaleFiles(home);
        if (stale.Count > 0)
        {
            checks.Add(DoctorCheck.Fail(
                "stale files",
                $"left by a broker that is gone: {string.Join(", ", stale.Select(Path.GetFileName))}",
                "slm-mesh clean"));
        }

        checks.AddRange(await BrokerAsync(context, home, stale.Count > 0, cancellationToken));
        checks.Add(CommandLocator.Find("slm-mesh-mcp", context) is { } mcp
            ? DoctorCheck.Ok("mcp server", $"slm-mesh-mcp found at {Formats.Folder(mcp, context.UserHome)}")
            : DoctorCheck.Warn("mcp server", "slm-mesh-mcp is not on PATH or in ~/.dotnet/tools: agents cannot start the mesh server", "dotnet tool install -g SlmMesh.Mcp"));
        checks.AddRange(Agents(context));
        return checks;
    }

    private static IEnumerable<DoctorCheck> Home(MeshHome home, string userHome)
    {
        string shown = Formats.Folder(home.Directory, userHome);
        if (!Directory.Exists(home.Directory))
        {
            yield return DoctorCheck.Ok("home", $"{shown} does not exist yet (it is created, private, on first use)");
            yield break;
        }

        if (OperatingSystem.IsWindows())
        {
            yield return DoctorCheck.Ok("home", shown);
            yield break;
        }

        UnixFileMode mode = File.GetUnixFileMode(home.Directory);
        yield return mode == PrivateFolder
            ? DoctorCheck.Ok("home", $"{shown} is private (0700)")
            : DoctorCheck.Fail("home", $"{shown} is {Octal(mode)}: other users may reach the broker's files", $"chmod 700 {CommandLocator.Shell(home.Directory)}");
        if (home.SocketRelocated)
        {
            string folder = Path.GetDirectoryName(home.SocketPath)!;
            if (Directory.Exists(folder) && File.GetUnixFileMode(folder) != PrivateFolder)
            {
                yield return DoctorCheck.Fail("socket folder", $"{folder} is {Octal(File.GetUnixFileMode(folder))}", $"chmod 700 {CommandLocator.Shell(folder)}");
            }
        }
    }

    private static IEnumerable<DoctorCheck> Files(MeshHome home)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(home.Directory))
        {
            yield break;
        }

        string[] names = ["mesh.db", "mesh.db-wal", "mesh.db-shm", "broker.token", "broker.lock", "broker.log", "broker.sock.path"];
        var loose = new List<(string Path, UnixFileMode Mode)>();
        foreach (string name in names)
        {
            string path = Path.Combine(home.Directory, name);
            if (File.Exists(path) && File.GetUnixFileMode(path) is var mode && mode != PrivateFile)
            {
                loose.Add((path, mode));
            }
        }

        yield return loose.Count == 0
            ? DoctorCheck.Ok("permissions", "the mesh files are private (0600)")
            : DoctorCheck.Fail(
                "permissions",
                $"not 0600: {string.Join(", ", loose.Select(f => $"{Path.GetFileName(f.Path)} ({Octal(f.Mode)})"))}",
                "chmod 600 " + string.Join(' ', loose.Select(f => CommandLocator.Shell(f.Path))));
    }

    private static async Task<IEnumerable<DoctorCheck>> BrokerAsync(CliContext context, MeshHome home, bool stale, CancellationToken cancellationToken)
    {
        BrokerProbe probe = await BrokerControl.ProbeAsync(context, cancellationToken, TimeSpan.FromSeconds(3));
        BrokerStatus? status = probe.Status;
        string? problem = probe.Problem?.Message;
        if (probe.IncompatibleVersion)
        {
            return [DoctorCheck.Fail("version", problem!, BrokerProbe.IncompatibleFix)];
        }

        if (status is null)
        {
            if (!stale && MeshConnector.LooksRunning(home))
            {
                return [DoctorCheck.Fail("broker", $"a broker holds the home but does not answer: {problem}", $"look at {home.LogPath}; 'slm-mesh stop', or end the process named in {home.LockPath}")];
            }

            return [DoctorCheck.Ok("broker", "not running (it starts on demand)")];
        }

        var checks = new List<DoctorCheck>
        {
            DoctorCheck.Ok("broker", Formats.Invariant($"running, pid {status.ProcessId}, {status.PeersActive} peers, {status.LocksActive} locks")),
        };
        checks.Add(status.Version == CliVersion.Current && status.ProtocolVersion == ProtocolVersion.Current
            ? DoctorCheck.Ok("version", $"broker and CLI are both {CliVersion.Current}")
            : DoctorCheck.Fail("version", Formats.Invariant($"the broker runs {status.Version} (protocol {status.ProtocolVersion}), this CLI is {CliVersion.Current} (protocol {ProtocolVersion.Current})"), "slm-mesh stop   (the next client starts the new version)"));
        return checks;
    }

    private static IEnumerable<DoctorCheck> Agents(CliContext context)
    {
        var settings = new InstallSettings(context, null, CommandLocator.Find("slm-mesh-mcp", context) ?? "slm-mesh-mcp", CommandLocator.CurrentCli(context));
        foreach (string agent in AgentInstaller.Agents)
        {
            string name = AgentInstaller.DisplayName(agent);
            if (!AgentInstaller.LooksPresent(agent, context, null))
            {
                yield return DoctorCheck.Ok(agent, $"{name} is not set up for this user (nothing to check)");
                continue;
            }

            DoctorCheck check;
            try
            {
                AgentInspection found = AgentInspection.Inspect(agent, settings);
                check = found switch
                {
                    { UpToDate: true } => DoctorCheck.Ok(agent, $"{name}: slm-mesh is installed" + (found.HooksRegistered is null ? string.Empty : " with its hooks")),
                    { ServerRegistered: false } => DoctorCheck.Warn(agent, $"{name}: the slm-mesh MCP server is not registered", $"slm-mesh install {agent}"),
                    { HooksRegistered: false } => DoctorCheck.Warn(agent, $"{name}: the slm-mesh hooks are missing (no message delivery or lock guard between tool calls)", $"slm-mesh install {agent}"),
                    { RegisteredCommand: { } command } when !CommandExists(command, context) => DoctorCheck.Fail(agent, $"{name}: the registered server command {command} does not exist", $"slm-mesh install {agent}"),
                    _ => DoctorCheck.Warn(agent, $"{name}: slm-mesh is registered, but differently from what 'install' writes now ({found.RegisteredCommand})", $"slm-mesh install {agent} --dry-run   (to see the difference)"),
                };
            }
            catch (InstallException ex)
            {
                check = DoctorCheck.Fail(agent, ex.Message, "fix the file by hand (it is not valid), then 'slm-mesh install " + agent + "'");
            }

            yield return check;
        }
    }

    private static bool CommandExists(string command, CliContext context) =>
        Path.IsPathFullyQualified(command) ? File.Exists(command) : CommandLocator.Find(command, context) is not null;

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
