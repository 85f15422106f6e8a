using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SlmMesh.LoadTest;

/// <summary>
/// <c>slm-mesh-mcp</c> processes started as an agent starts them: through the MCP C# SDK's stdio client, with the
/// protocol version real clients send, each in a temporary mesh home (<c>SLM_MESH_HOME</c>) under one folder.
/// Disposing stops the brokers they started (a broker outlives its host by design) and deletes the homes.
/// </summary>
internal sealed class McpHosts(HostProgram program) : IAsyncDisposable
{
    public const string ProtocolVersion = "2025-11-25";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    // Short (/tmp/slm-hosts-XXXXXX/N) so the broker socket path stays far below the platform limit.
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("slm-hosts-");
    private readonly List<string> _homes = [];
    private readonly Dictionary<string, int> _brokers = [];

    /// <summary>A new, empty mesh home: no broker, no database.</summary>
    public string NewHome()
    {
        string home = Path.Combine(_root.FullName, _homes.Count.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(home);
        _homes.Add(home);
        return home;
    }

    /// <summary>Spawns a host in <paramref name="home"/>; returns once it answered <c>initialize</c> (and was told <c>initialized</c>).</summary>
    public async Task<McpClient> StartAsync(string home, string name, CancellationToken cancellationToken)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = name,
            Command = program.Executable,
            WorkingDirectory = home,
            EnvironmentVariables = new Dictionary<string, string?> { [MeshHome.HomeVariable] = home, [MeshClientOptions.NameVariable] = name },
        });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        McpClient client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = ProtocolVersion }, cancellationToken: timeout.Token);
        if (client.ServerInfo?.Name != "slm-mesh")
        {
            await StopAsync(client);
            throw new InvalidOperationException($"{program.Executable} answered initialize as '{client.ServerInfo?.Name}', not as slm-mesh.");
        }

        return client;
    }

    /// <summary>One tool call; a result flagged as an error fails the scenario.</summary>
    public static async Task<CallToolResult> CallAsync(McpClient client, string tool, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        CallToolResult result = await client.CallToolAsync(tool, cancellationToken: timeout.Token);
        return result.IsError == true ? throw new InvalidOperationException($"{tool} failed: {Text(result)}") : result;
    }

    /// <summary>The text blocks of a tool result, joined.</summary>
    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    /// <summary>Asks the host in <paramref name="home"/> for its broker (<c>mesh_status</c>, which waits for its connection) and remembers the broker's pid.</summary>
    public async Task RememberBrokerAsync(McpClient client, string home, CancellationToken cancellationToken)
    {
        CallToolResult status = await CallAsync(client, "mesh_status", cancellationToken);
        if (status.StructuredContent is not { ValueKind: JsonValueKind.Object } json || !json.TryGetProperty("brokerPid", out JsonElement pid) || !pid.TryGetInt32(out int id))
        {
            throw new InvalidOperationException("mesh_status did not name the broker's pid: " + Text(status));
        }

        _brokers[home] = id;
    }

    /// <summary>Ends a host as an agent does: the SDK closes its stdin, and kills it if it does not exit. Its broker stays.</summary>
    public static async Task StopAsync(McpClient client) => await client.DisposeAsync().AsTask().WaitAsync(StopTimeout);

    /// <summary>Ends the last host of <paramref name="home"/>, then the broker it started (while it ran, the host would start another).</summary>
    public async Task EndAsync(McpClient client, string home)
    {
        await StopAsync(client);
        await HomeBrokers.StopAsync([home], _brokers.TryGetValue(home, out int pid) ? [pid] : []);
    }

    /// <summary>Stops the brokers the hosts started (see <see cref="HomeBrokers"/>) and deletes the homes. Call after stopping the hosts.</summary>
    public async ValueTask DisposeAsync()
    {
        await HomeBrokers.StopAsync(_homes, _brokers.Values);

        try
        {
            _root.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {_root.FullName}: {ex.Message}");
        }
    }
}
