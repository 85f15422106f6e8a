using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;
using SlmMesh.Hosting.Mcp.Lifecycle;
using SlmMesh.Hosting.Mcp.Tools;

namespace SlmMesh.Hosting.Mcp;

/// <summary>
/// Registers the MCP server of the mesh: the nine tools, the inbox resource, pushes, the agent watchdog and
/// the mesh client (connected in the background, so <c>initialize</c> is answered at once). The caller picks
/// the transport (stdio in the host, streams in tests).
/// </summary>
internal static class MeshMcpServer
{
    /// <summary>Tool arguments are read with our source-generated types first, then the SDK's.</summary>
    internal static JsonSerializerOptions ToolJsonOptions { get; } = new(McpJsonUtilities.DefaultOptions)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(MeshJsonContext.Default, McpJsonUtilities.DefaultOptions.TypeInfoResolver),
    };

    public static IMcpServerBuilder AddMeshMcpServer(this IServiceCollection services, Action<MeshClientOptions> configureClient)
    {
        services.AddSlmMesh(configureClient);
        services.AddOptions<MeshClientOptions>().Configure<ILoggerFactory>((o, loggers) => o.LoggerFactory ??= loggers);
        services.AddSingleton<InboxResource>();
        services.AddSingleton<ClientNotifier>();
        services.AddSingleton<AgentSession>();
        services.AddHostedService<MessagePushService>();
        services.AddHostedService<AgentWatchdog>();

        return services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = HostInfo.ServerName, Title = "SlmMesh", Version = HostInfo.Version };
                options.ServerInstructions = ServerInstructions.Text;

                // Every service here is a singleton: a DI scope per request would only cost allocations.
                options.ScopeRequests = false;
                options.Capabilities = new ServerCapabilities
                {
                    Resources = new ResourcesCapability { Subscribe = true },

                    // A Claude Code channel server declares this so that the client listens for its pushes.
                    Experimental = new Dictionary<string, object> { [ClientNotifier.ChannelCapability] = new JsonObject() },
                };
            })
            .WithRequestFilters(filters => filters.AddCallToolFilter(AgentSession.BindingErrors))
            .WithTools<PeersTool>(ToolJsonOptions)
            .WithTools<SummaryTool>(ToolJsonOptions)
            .WithTools<SendTool>(ToolJsonOptions)
            .WithTools<InboxTool>(ToolJsonOptions)
            .WithTools<StateTool>(ToolJsonOptions)
            .WithTools<LockTool>(ToolJsonOptions)
            .WithTools<EventsTool>(ToolJsonOptions)
            .WithTools<StatusTool>(ToolJsonOptions)
            .WithTools<WaitTool>(ToolJsonOptions)
            .WithListResourcesHandler(InboxResource.ListAsync)
            .WithReadResourceHandler((request, ct) => Inbox(request.Services).ReadAsync(request, ct))
            .WithSubscribeToResourcesHandler((request, ct) => Inbox(request.Services).SubscribeAsync(request, ct))
            .WithUnsubscribeFromResourcesHandler((request, ct) => Inbox(request.Services).UnsubscribeAsync(request, ct));
    }

    private static InboxResource Inbox(IServiceProvider? services) =>
        (services ?? throw new InvalidOperationException("The request has no services.")).GetRequiredService<InboxResource>();
}
