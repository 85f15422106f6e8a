namespace SlmMesh.Cli.Tests.Support;

/// <summary>
/// Runs <c>slm-mesh</c> in-process through <see cref="Cli.RunAsync"/> over string writers and a fake environment:
/// the same code as the real program, at test speed.
/// </summary>
public sealed class CliRunner
{
    private readonly Dictionary<string, string?> _environment;

    public CliRunner(string home, string? cwd = null, string? userHome = null)
    {
        Cwd = cwd ?? home;
        _environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [MeshHome.HomeVariable] = home,
            ["HOME"] = userHome ?? home,
            ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
            ["USER"] = "tester",
        };
    }

    public string Cwd { get; init; }

    /// <summary>Pretend standard output is a terminal (Spectre tables, colour off).</summary>
    public bool Terminal { get; init; }

    /// <summary>How auto-starting commands start a broker (none by default: tests start their own).</summary>
    public Func<IReadOnlyList<string>, IBrokerLauncher>? Launcher { get; init; }

    public Func<CancellationToken, Task<ConsoleKeyInfo?>>? ReadKey { get; init; }

    public CliRunner With(string name, string? value)
    {
        _environment[name] = value;
        return this;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, string.Empty, TestContext.Current.CancellationToken);

    public Task<CliResult> RunWithInputAsync(string stdin, params string[] args) => RunAsync(args, stdin, TestContext.Current.CancellationToken);

    public Task<CliResult> RunAsync(string[] args, string stdin, CancellationToken cancellationToken) =>
        RunAsync(args, stdin, new StringWriter { NewLine = "\n" }, cancellationToken);

    /// <summary>Runs with a given output writer (a <see cref="WatchedWriter"/> to follow a long-running command).</summary>
    public async Task<CliResult> RunAsync(string[] args, string stdin, StringWriter output, CancellationToken cancellationToken)
    {
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(new StringReader(stdin), output, error, new Dictionary<string, string?>(_environment), Cwd)
        {
            IsTerminal = Terminal,
            Cancellation = cancellationToken,
            ReadKey = ReadKey,
            BrokerLauncher = Launcher ?? (_ => new NoLauncher()),
        };
        int code = await Cli.RunAsync(args, context);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>A launcher that never starts anything, so a test that forgot its broker fails fast instead of spawning one.</summary>
    private sealed class NoLauncher : IBrokerLauncher
    {
        public ValueTask StartAsync(MeshHome home, CancellationToken cancellationToken) =>
            throw new MeshException(MeshErrorCode.Unavailable, "This test starts no broker.");
    }
}
