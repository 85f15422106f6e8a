using System.Collections;

namespace SlmMesh.Cli;

/// <summary>
/// Everything a command touches outside itself: standard streams, environment, working folder, terminal
/// capabilities, how to start a broker, and the Ctrl-C token. The real process builds one from the console;
/// tests build one over string writers and a fake environment, and run commands in-process.
/// </summary>
internal sealed class CliContext
{
    private readonly IReadOnlyDictionary<string, string?> _environment;

    public CliContext(TextReader input, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> environment, string currentDirectory)
    {
        Input = input;
        Output = output;
        Error = error;
        _environment = environment;
        CurrentDirectory = Path.GetFullPath(currentDirectory);
    }

    public TextReader Input { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>The folder the command runs in: relative paths and the CLI's identity derive from it.</summary>
    public string CurrentDirectory { get; }

    /// <summary>Whether standard output is an interactive terminal (tables with colour, spinners, live views).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Whether colour may be used on the terminal (off with <c>NO_COLOR</c>).</summary>
    public bool UseColor => IsTerminal && string.IsNullOrEmpty(Variable("NO_COLOR"));

    /// <summary>Keys typed on the terminal (for <c>top</c>); null when input is not a terminal.</summary>
    public Func<CancellationToken, Task<ConsoleKeyInfo?>>? ReadKey { get; init; }

    /// <summary>
    /// Makes the launcher that starts a detached broker when a command needs the mesh and none runs; it gets the
    /// extra arguments of the hidden <c>broker</c> command.
    /// </summary>
    public Func<IReadOnlyList<string>, IBrokerLauncher> BrokerLauncher { get; init; } = static extra => ProcessBrokerLauncher.ForCurrentProcess(["broker", .. extra]);

    /// <summary>Fires on Ctrl-C or SIGTERM.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The mesh home, from <c>SLM_MESH_HOME</c> or the default.</summary>
    public MeshHome Home => MeshHome.Resolve(Variable(MeshHome.HomeVariable));

    /// <summary>The user's home folder (agent configuration lives under it).</summary>
    public string UserHome => Variable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Builds the context of the real process.</summary>
    public static CliContext FromConsole(CancellationToken cancellation)
    {
        var environment = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string key)
            {
                environment[key] = variable.Value as string;
            }
        }

        bool interactiveInput = !Console.IsInputRedirected;
        return new CliContext(Console.In, Console.Out, Console.Error, environment, Environment.CurrentDirectory)
        {
            IsTerminal = !Console.IsOutputRedirected,
            ReadKey = interactiveInput ? ReadConsoleKeyAsync : null,
            Cancellation = cancellation,
        };
    }

    /// <summary>An environment variable, or null.</summary>
    public string? Variable(string name) => _environment.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value : null;

    private static async Task<ConsoleKeyInfo?> ReadConsoleKeyAsync(CancellationToken cancellationToken)
    {
        // Console has no async key read: poll KeyAvailable at a human pace.
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Console.KeyAvailable)
            {
                return Console.ReadKey(intercept: true);
            }

            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }
}
