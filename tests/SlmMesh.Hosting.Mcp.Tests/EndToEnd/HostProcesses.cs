using System.Collections.Concurrent;
using System.Diagnostics;
using ModelContextProtocol.Client;
using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.EndToEnd;

/// <summary>
/// Real <c>slm-mesh-mcp</c> processes (the built dll run by <c>dotnet</c>) on a temp home, each driven by the
/// SDK's stdio client. The first one starts the detached broker; disposing kills that broker so nothing leaks.
/// </summary>
public sealed class HostProcesses : IAsyncDisposable
{
    private readonly List<HostProcess> _hosts = [];

    public TestHome Home { get; } = new();

    public static string HostDll { get; } = Path.Combine(AppContext.BaseDirectory, "slm-mesh-mcp.dll");

    /// <summary>The dotnet that runs the tests (set by the SDK), else the one on the PATH.</summary>
    public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Starts a host as a child of a stand-in agent process (perl running it), with Claude Code's variable
    /// set, so the host takes the perl process for its agent.
    /// </summary>
    public Task<HostProcess> StartUnderAgentAsync(string name) =>
        StartAsync(name, command: "perl", arguments: ["-e", "exit(system(@ARGV) >> 8)", Dotnet, HostDll], extra: new() { ["CLAUDECODE"] = "1" });

    public async Task<HostProcess> StartAsync(string name, string? logLevel = null, string? command = null, string[]? arguments = null, Dictionary<string, string?>? extra = null)
    {
        var stderr = new ConcurrentQueue<string>();
        var notifications = new NotificationLog();
        var environment = new Dictionary<string, string?>
        {
            ["SLM_MESH_HOME"] = Home.Directory,
            ["SLM_MESH_NAME"] = name,
            ["SLM_MESH_LOG"] = logLevel,
        };
        foreach ((string key, string? value) in extra ?? [])
        {
            environment[key] = value;
        }

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = name,
            Command = command ?? Dotnet,
            Arguments = arguments ?? [HostDll],
            WorkingDirectory = Home.Workspace(name),
            EnvironmentVariables = environment,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
            StandardErrorLines = stderr.Enqueue,
        });
        var options = new McpClientOptions { ProtocolVersion = InProcessMesh.ClientProtocolVersion };
        McpClient client = await McpClient.CreateAsync(transport, options, cancellationToken: TestContext.Current.CancellationToken);
        client.RegisterNotificationHandler("notifications/slm-mesh/message", notifications.HandleAsync);
        var host = new HostProcess(name, client, notifications, stderr);
        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (HostProcess host in _hosts)
        {
            await host.DisposeAsync();
        }

        KillBroker();
        Home.Dispose();
    }

    /// <summary>
    /// End the detached broker(s) of this home so no process outlives the test. broker.lock names the pid, but the
    /// broker holds an flock on it that .NET's own file sharing checks trip over, so find them by their environment.
    /// </summary>
    private void KillBroker()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string marker = "SLM_MESH_HOME=" + Home.Directory + "\0";
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                string commandLine = File.ReadAllText(Path.Combine(folder, "cmdline"));
                if (commandLine.Contains("slm-mesh-mcp", StringComparison.Ordinal) && commandLine.EndsWith("\0broker\0", StringComparison.Ordinal)
                    && File.ReadAllText(Path.Combine(folder, "environ")).Contains(marker, StringComparison.Ordinal))
                {
                    using Process broker = Process.GetProcessById(pid);
                    broker.Kill();
                    broker.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile, or not ours.
            }
        }
    }
}

/// <summary>One host process and its client.</summary>
public sealed class HostProcess(string name, McpClient client, NotificationLog notifications, ConcurrentQueue<string> stderr) : IAsyncDisposable
{
    private int _disposed;

    public string Name { get; } = name;

    public McpClient Client { get; } = client;

    public NotificationLog Notifications { get; } = notifications;

    public IReadOnlyCollection<string> StandardError => stderr;

    public Task<ToolReply> CallAsync(string tool, params (string Name, object? Value)[] arguments) =>
        ToolReply.CallAsync(Client, tool, arguments.ToDictionary(a => a.Name, a => a.Value));

    /// <summary>Closes the server's stdin and waits for it to exit (the SDK kills it only after its shutdown timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Client.DisposeAsync();
        }
    }
}
