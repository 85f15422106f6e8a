using System.Diagnostics;
using System.Reflection;
using SlmMesh.Lifecycle;

namespace SlmMesh;

/// <summary>
/// Starts the broker as a detached child process that outlives the caller (what the MCP host and the CLI
/// do, each with its own binary). The child must call <see cref="MeshBrokerProcess.RunAsync"/>.
/// </summary>
public sealed class ProcessBrokerLauncher : IBrokerLauncher
{
    private const string DiagnosticsVariable = "DOTNET_EnableDiagnostics_IPC";

    // A 2 MiB gen0 budget (hex, as the runtime reads it): the broker allocates little per request, and the
    // default budget (sized from the CPU cache) is most of its memory after a flood (docs/PERFORMANCE.md).
    private const string Gen0SizeVariable = "DOTNET_GCgen0size";
    private const string Gen0Size = "200000";
    private static readonly TimeSpan RespawnInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(3);

    private readonly string _fileName;
    private readonly IReadOnlyList<string> _arguments;
    // Environment.TickCount64 of the last spawn; 0: never (a MinValue sentinel would overflow "now - last").
    private long _lastSpawn;

    /// <summary>Launches <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    public ProcessBrokerLauncher(string fileName, IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        _fileName = fileName;
        _arguments = [.. arguments ?? throw new ArgumentNullException(nameof(arguments))];
    }

    /// <summary>The command line that would be launched.</summary>
    public string CommandLine => string.Join(' ', [_fileName, .. _arguments]);

    /// <summary>Launches the current program again with <paramref name="arguments"/> (through <c>dotnet</c> when it runs as a dll).</summary>
    /// <param name="arguments">The arguments that make the program run the broker.</param>
    /// <returns>The launcher.</returns>
    public static ProcessBrokerLauncher ForCurrentProcess(params string[] arguments)
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("The current program's path is unknown.");
        string name = Path.GetFileNameWithoutExtension(process);
        if (string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            string assembly = Assembly.GetEntryAssembly()?.GetName().Name is { Length: > 0 } entry
                ? Path.Combine(AppContext.BaseDirectory, entry + ".dll")
                : throw new InvalidOperationException("The entry assembly is unknown.");
            return new ProcessBrokerLauncher(process, [assembly, .. arguments]);
        }

        return new ProcessBrokerLauncher(process, arguments);
    }

    /// <inheritdoc />
    public async ValueTask StartAsync(MeshHome home, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastSpawn);
        if (last != 0 && now - last < RespawnInterval.TotalMilliseconds)
        {
            // Starting: the client keeps connecting.
            return;
        }

        // One launcher at a time starts a broker for a home (SPEC §4: "one of them starts a new broker"). The
        // others, which noticed the same missing broker, keep connecting instead of starting a process each
        // that would only lose the election: on a small machine those starts delay the one that matters.
        using FileStream? starting = TryLockStarting(home);
        if (starting is null || BrokerLock.IsHeld(home) || Interlocked.CompareExchange(ref _lastSpawn, now, last) != last)
        {
            return;
        }

        string? previousToken = home.ReadToken();
        using Process child = Spawn(home);
        await WaitUntilServingAsync(home, child, previousToken, cancellationToken).ConfigureAwait(false);
    }

    private static FileStream? TryLockStarting(MeshHome home)
    {
        try
        {
            var stream = new FileStream(home.StartingLockPath, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            PrivateFiles.Restrict(home.StartingLockPath);
            return stream;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Holds the start lock until the new broker has written its token (it holds the election by then), the child exits, or a few seconds pass.</summary>
    private static async Task WaitUntilServingAsync(MeshHome home, Process child, string? previousToken, CancellationToken cancellationToken)
    {
        long deadline = Environment.TickCount64 + (long)StartWait.TotalMilliseconds;
        while (!child.HasExited && Environment.TickCount64 < deadline && string.Equals(home.ReadToken(), previousToken, StringComparison.Ordinal))
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private Process Spawn(MeshHome home)
    {
        var start = new ProcessStartInfo(_fileName)
        {
            UseShellExecute = false,

            // Never hand the child our stdio: it may be an MCP channel whose end must not be held open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = home.Directory,
        };
        foreach (string argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[MeshHome.HomeVariable] = home.Directory;

        // Nothing may listen beyond the broker socket (SPEC §3): not even the .NET runtime's diagnostics socket
        // in the temp folder, unless whoever runs us asked for diagnostics.
        if (!start.Environment.ContainsKey(DiagnosticsVariable))
        {
            start.Environment[DiagnosticsVariable] = "0";
        }

        if (!start.Environment.ContainsKey(Gen0SizeVariable))
        {
            start.Environment[Gen0SizeVariable] = Gen0Size;
        }

        Process child = Process.Start(start) ?? throw new MeshException(MeshErrorCode.Unavailable, $"Could not start the broker: {CommandLine}");
        child.StandardInput.Close();
        child.StandardOutput.Close();
        child.StandardError.Close();
        return child;
    }
}
