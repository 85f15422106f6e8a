using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlmMesh.Discovery;
using SlmMesh.Hosting.Mcp.Lifecycle;

namespace SlmMesh.Hosting.Mcp;

/// <summary>The stdio MCP server an agent launches: one peer on the mesh for as long as the agent's session lasts.</summary>
internal static class McpHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,

            // No appsettings files or their watchers: the host is configured by its environment only, and starts fast.
            DisableDefaults = true,
        });
        builder.Logging.AddStandardError(HostLogging.LevelFromEnvironment(LogLevel.Warning));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        AgentIdentity agent = AgentDetector.DetectCurrent(AgentTypes.Unknown);
        ProcessBrokerLauncher launcher = ProcessBrokerLauncher.ForCurrentProcess(BrokerCommand.Name);
        builder.Services
            .AddMeshMcpServer(options =>
            {
                options.AgentType = agent.AgentType;
                options.AgentProcessId = agent.AgentProcessId;
                options.ClientName = "slm-mesh-mcp/" + HostInfo.Version;
                options.BrokerLauncher = launcher;
            })
            .WithStdioServerTransport();

        using IHost host = builder.Build();
        await host.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
