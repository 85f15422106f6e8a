using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlmMesh.Hosting.Mcp.Lifecycle;

namespace SlmMesh.Hosting.Mcp.Tests.Lifecycle;

public sealed class AgentWatchdogTests
{
    [Fact]
    public async Task The_host_stops_within_a_second_when_the_agent_process_dies()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses sleep(1).");
        using Process agent = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<MeshClientOptions>(o => o.AgentProcessId = agent.Id);
        builder.Services.AddHostedService<AgentWatchdog>();
        using IHost host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var stopped = new TaskCompletionSource();
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopped.TrySetResult());

        var clock = Stopwatch.StartNew();
        agent.Kill();
        await agent.WaitForExitAsync(TestContext.Current.CancellationToken);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
