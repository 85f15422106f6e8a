using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SlmMesh.Hosting.Mcp.Delivery;

namespace SlmMesh.Hosting.Mcp.Tests.Support;

/// <summary>
/// A real broker in a temp home, and MCP servers of the mesh hosted in this process, each driven by an SDK
/// client over a pair of pipes (the protocol version real clients use).
/// </summary>
public sealed class InProcessMesh : IAsyncDisposable
{
    public const string ClientProtocolVersion = "2025-11-25";

    private readonly List<McpAgent> _agents = [];

    private InProcessMesh(TestHome home, MeshBroker? broker)
    {
        Home = home;
        Broker = broker;
    }

    public TestHome Home { get; }

    public MeshBroker? Broker { get; }

    public static async Task<InProcessMesh> StartAsync(bool withBroker = true)
    {
        var home = new TestHome();
        MeshBroker? broker = withBroker
            ? await MeshBroker.StartAsync(
                new MeshBrokerOptions { Home = home.Directory, IdleShutdown = Timeout.InfiniteTimeSpan, AwayGrace = TimeSpan.FromSeconds(30), TickInterval = TimeSpan.FromMilliseconds(50) },
                null,
                TestContext.Current.CancellationToken)
            : null;
        return new InProcessMesh(home, broker);
    }

    /// <summary>Starts a server as agent <paramref name="name"/> and connects a client to it.</summary>
    public async Task<McpAgent> JoinAsync(string name, bool declareChannel = false, Action<MeshClientOptions>? configure = null)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        string workspace = Home.Workspace(name);

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services
            .AddMeshMcpServer(o =>
            {
                o.Home = Home.Directory;
                o.Name = name;
                o.AgentType = "dotnet";
                o.Cwd = workspace;
                o.AutoStart = false;
                o.ConnectTimeout = TimeSpan.FromSeconds(5);
                o.RequestTimeout = TimeSpan.FromSeconds(10);
                configure?.Invoke(o);
            })
            .WithStreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream());
        IHost host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        var notifications = new NotificationLog();
        var options = new McpClientOptions
        {
            ProtocolVersion = ClientProtocolVersion,
            ClientInfo = new Implementation { Name = "test-" + name, Version = "1.0" },
            Capabilities = declareChannel ? new ClientCapabilities { Experimental = new Dictionary<string, object> { ["claude/channel"] = new JsonObject() } } : null,
        };
        McpClient client = await McpClient.CreateAsync(
            new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()),
            options,
            cancellationToken: TestContext.Current.CancellationToken);
        foreach (string method in new[] { "notifications/slm-mesh/message", "notifications/slm-mesh/event", "notifications/claude/channel", NotificationMethods.ResourceUpdatedNotification })
        {
            client.RegisterNotificationHandler(method, notifications.HandleAsync);
        }

        var agent = new McpAgent(name, workspace, host, client, notifications, toServer, toClient);
        _agents.Add(agent);
        if (Broker is not null)
        {
            // The server connects to the mesh in the background: wait until it is a peer and pushes arrivals.
            await host.Services.GetRequiredService<IMeshClientProvider>().GetClientAsync(TestContext.Current.CancellationToken);
            await host.Services.GetServices<IHostedService>().OfType<MessagePushService>().Single().Listening.WaitAsync(TestContext.Current.CancellationToken);
        }

        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (McpAgent agent in _agents)
        {
            await agent.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        Home.Dispose();
    }
}

/// <summary>One agent's MCP server (in this process) and the client that drives it.</summary>
public sealed class McpAgent(string name, string workspace, IHost host, McpClient client, NotificationLog notifications, Pipe toServer, Pipe toClient) : IAsyncDisposable
{
    private int _disposed;

    public string Name { get; } = name;

    public string Workspace { get; } = workspace;

    public IHost Host { get; } = host;

    public McpClient Client { get; } = client;

    public NotificationLog Notifications { get; } = notifications;

    public IServiceProvider Services => Host.Services;

    public Task<ToolReply> CallAsync(string tool, params (string Name, object? Value)[] arguments) =>
        ToolReply.CallAsync(Client, tool, arguments.ToDictionary(a => a.Name, a => a.Value));

    /// <summary>This agent's peer id, from its own status.</summary>
    public async Task<string> PeerIdAsync() => (await CallAsync("mesh_status"))["self"].GetProperty("id").GetString()!;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Client.DisposeAsync();
        await toServer.Writer.CompleteAsync();
        await Host.StopAsync(TestContext.Current.CancellationToken);
        Host.Dispose();
        await toClient.Writer.CompleteAsync();
    }
}
