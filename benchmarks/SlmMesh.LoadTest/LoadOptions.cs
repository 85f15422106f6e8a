using System.Globalization;

namespace SlmMesh.LoadTest;

/// <summary>Command-line options of the runner.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        usage: SlmMesh.LoadTest [--scenarios LIST] [--json] [--quick] [--seconds N] [--payload BYTES]
                                [--client-processes N] [--broker-exe PATH] [--mcp-exe PATH] [--cli-exe PATH]
          --scenarios         comma-separated: latency, throughput, locks, state, memory, peers1000 (the default: all
                              of these), and hosts (only when named: it runs the built slm-mesh-mcp and slm-mesh)
          --json              print one JSON object instead of tables
          --quick             a tenth of the iterations (a smoke run; figures not representative)
          --seconds           time cap of each measured phase (default 20); warm-ups are capped at the same
          --payload           message payload size in bytes (default 200)
          --client-processes  peers1000: put the idle peers in N extra client processes (default 0: all here)
          --broker-exe        run the broker as `PATH broker` (e.g. a published slm-mesh-mcp) instead of this tool
          --mcp-exe           hosts: the slm-mesh-mcp to measure (default: the Release apphost in this repository)
          --cli-exe           hosts: the slm-mesh to measure (default: the Release apphost in this repository)
        Roles started by the runner itself: `broker --home DIR` and `peers --home DIR --count N`.
        """;

    /// <summary>The in-process mesh scenarios: what a run without <c>--scenarios</c> measures.</summary>
    public static readonly string[] DefaultScenarios = ["latency", "throughput", "locks", "state", "memory", "peers1000"];

    /// <summary>Every scenario; <c>hosts</c> needs the hosts built, so it runs only when named.</summary>
    public static readonly string[] AllScenarios = [.. DefaultScenarios, "hosts"];

    public IReadOnlyList<string> Scenarios { get; init; } = DefaultScenarios;

    public bool Json { get; init; }

    /// <summary>Divides every iteration count by 10.</summary>
    public bool Quick { get; init; }

    public TimeSpan PhaseCap { get; init; } = TimeSpan.FromSeconds(20);

    public int PayloadBytes { get; init; } = 200;

    public int ClientProcesses { get; init; }

    public string? BrokerExe { get; init; }

    /// <summary>hosts: the <c>slm-mesh-mcp</c> to run; null: the Release apphost in the repository.</summary>
    public string? McpExe { get; init; }

    /// <summary>hosts: the <c>slm-mesh</c> to run; null: the Release apphost in the repository.</summary>
    public string? CliExe { get; init; }

    /// <summary>An iteration count, scaled down by <see cref="Quick"/>.</summary>
    public int Count(int full) => Quick ? Math.Max(1, full / 10) : full;

    public static LoadOptions? Parse(string[] args)
    {
        var options = new LoadOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string? next = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--json":
                    options = options with { Json = true };
                    continue;
                case "--quick":
                    options = options with { Quick = true };
                    continue;
                case "--scenarios" when next is not null:
                    string[] names = next.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (names.Length == 0 || names.Any(n => !AllScenarios.Contains(n, StringComparer.Ordinal)))
                    {
                        return null;
                    }

                    options = options with { Scenarios = names };
                    break;
                case "--seconds" when TryInt(next, out int seconds) && seconds > 0:
                    options = options with { PhaseCap = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--payload" when TryInt(next, out int payload) && payload >= Stamp.MinPayloadBytes && payload <= 60_000:
                    options = options with { PayloadBytes = payload };
                    break;
                case "--client-processes" when TryInt(next, out int processes) && processes <= 64:
                    options = options with { ClientProcesses = processes };
                    break;
                case "--broker-exe" when next is not null:
                    options = options with { BrokerExe = Path.GetFullPath(next) };
                    break;
                case "--mcp-exe" when next is not null:
                    options = options with { McpExe = Path.GetFullPath(next) };
                    break;
                case "--cli-exe" when next is not null:
                    options = options with { CliExe = Path.GetFullPath(next) };
                    break;
                default:
                    return null;
            }

            i++;
        }

        return options;
    }

    public static bool TryInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
