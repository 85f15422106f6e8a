using System.Globalization;

namespace SlmMesh.PingPong;

/// <summary>Command-line options of both roles.</summary>
internal sealed record PingPongOptions
{
    public const string Usage = """
        usage: SlmMesh.PingPong [--pings N] [--warmup N] [--flood N] [--body BYTES] [--json]
          --pings   measured request/response round trips (default 20000)
          --warmup  round trips and flood frames before measuring, so that tiered JIT has settled (default 50000)
          --flood   frames in each one-way flood (default 200000)
          --body    size of each frame body in bytes (default 200)
          --json    print the results as one JSON object
        """;

    public int Pings { get; init; } = 20_000;

    public int Warmup { get; init; } = 50_000;

    public int Flood { get; init; } = 200_000;

    public int BodyBytes { get; init; } = 200;

    public bool Json { get; init; }

    /// <summary>Set in the client process: the socket to connect to.</summary>
    public string? ClientSocket { get; init; }

    /// <summary>Set in the client process: the listener's token.</summary>
    public string Token { get; init; } = string.Empty;

    public static PingPongOptions? Parse(string[] args)
    {
        var options = new PingPongOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string? next = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--json":
                    options = options with { Json = true };
                    continue;
                case "--pings" when TryInt(next, out int pings):
                    options = options with { Pings = pings };
                    break;
                case "--warmup" when TryInt(next, out int warmup):
                    options = options with { Warmup = warmup };
                    break;
                case "--flood" when TryInt(next, out int flood):
                    options = options with { Flood = flood };
                    break;
                case "--body" when TryInt(next, out int body) && body >= 64:
                    options = options with { BodyBytes = body };
                    break;
                case "--client" when next is not null:
                    options = options with { ClientSocket = next };
                    break;
                case "--token" when next is not null:
                    options = options with { Token = next };
                    break;
                default:
                    return null;
            }

            i++;
        }

        return options.Pings > 0 && options.Flood > 0 && options.Warmup >= 0 ? options : null;
    }

    /// <summary>The arguments that start the client role with the same settings.</summary>
    public IEnumerable<string> ClientArguments(string socket, string token) =>
    [
        "--client", socket, "--token", token,
        "--pings", Str(Pings), "--warmup", Str(Warmup), "--flood", Str(Flood), "--body", Str(BodyBytes),
    ];

    private static bool TryInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
