using System.Diagnostics;
using System.Reflection;
using SlmMesh.Core.Tests.Support;
using SlmMesh.Samples.Demo;

namespace SlmMesh.Core.Tests.Samples;

public sealed class SampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_runs_end_to_end_and_tells_what_happened()
    {
        var output = new StringWriter();

        int exit = await MeshDemo.RunAsync(output, Ct);

        string transcript = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("peers in this repo: claude (Refactoring the auth module), codex (Writing API tests)", transcript, StringComparison.Ordinal);
        Assert.Contains("is locked by claude (refactoring auth)", transcript, StringComparison.Ordinal);
        Assert.Contains("← claude (reply): Yes: I release src/auth in a moment.", transcript, StringComparison.Ordinal);
        Assert.Contains("conflict, Key 'api/version' in 'contracts' already exists at version 1.", transcript, StringComparison.Ordinal);
        Assert.Contains("got src/auth/login.cs", transcript, StringComparison.Ordinal);
        Assert.Contains("3 peers", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_agent_joins_starting_a_broker_and_answers_messages()
    {
        using var home = new TestHome();
        string agent = typeof(SampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "EmbeddedAgentPath").Value!;
        var start = new ProcessStartInfo("dotnet", [agent]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment[MeshHome.HomeVariable] = home.Directory;
        start.Environment[MeshClientOptions.NameVariable] = "echo-agent";
        using Process process = Process.Start(start)!;
        try
        {
            string? joined = await process.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
            Assert.StartsWith("Joined the mesh", joined, StringComparison.Ordinal);

            // The agent started the broker inside its own process: connect to it without starting another.
            await using MeshClient me = await MeshClient.ConnectAsync(home.ClientOptions("tester"), Ct);
            var question = await me.SendAsync("echo-agent", "ping", cancellationToken: Ct);
            MeshMessage? answer = await me.WaitForMessageAsync(TimeSpan.FromSeconds(20), replyTo: question.Id, cancellationToken: Ct);

            Assert.Equal("echo: ping", answer?.Payload);
            Assert.Equal("echo-agent", answer?.FromName);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }
    }
}
