using System.Diagnostics;
using System.Text.Json;
using SlmMesh.Discovery;
using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.EndToEnd;

/// <summary>Two real host processes, a real detached broker, the SDK's stdio client.</summary>
public sealed class HostProcessTests
{
    [Fact]
    public async Task Two_hosts_discover_each_other_and_a_message_arrives_as_a_push_and_in_the_next_result()
    {
        await using var processes = new HostProcesses();
        HostProcess alpha = await processes.StartAsync("alpha");
        HostProcess beta = await processes.StartAsync("beta");

        await WaitForPeerAsync(alpha, "beta");
        await WaitForPeerAsync(beta, "alpha");
        ToolReply sent = await alpha.CallAsync("mesh_send", ("to", "beta"), ("message", "Can I take src/auth?"));
        System.Text.Json.Nodes.JsonNode? pushed = await beta.Notifications.WaitForAsync("notifications/slm-mesh/message");
        ToolReply next = await beta.CallAsync("mesh_status");

        Assert.False(sent.IsError);
        Assert.Equal(sent["id"].GetString(), pushed?["id"]?.GetValue<string>());
        JsonElement message = Assert.Single(next.NewMessages);
        Assert.Equal("Can I take src/auth?", message.GetProperty("message").GetString());
        Assert.Equal("alpha", message.GetProperty("fromName").GetString());
    }

    [Fact]
    public async Task A_lock_conflict_between_hosts_names_the_holder()
    {
        await using var processes = new HostProcesses();
        HostProcess alpha = await processes.StartAsync("alpha");
        HostProcess beta = await processes.StartAsync("beta");
        string file = Path.Combine(processes.Home.Directory, "shared.cs");

        await WaitForPeerAsync(beta, "alpha");
        ToolReply held = await alpha.CallAsync("mesh_lock", ("action", "lock"), ("filePath", file), ("reason", "editing"));
        ToolReply refused = await beta.CallAsync("mesh_lock", ("action", "lock"), ("filePath", file));

        Assert.False(held.IsError);
        Assert.True(refused.IsError);
        Assert.Equal("locked", refused.ErrorCode);
        Assert.Contains("alpha", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("alpha", refused["error"].GetProperty("lock").GetProperty("holderName").GetString());
    }

    [Fact]
    public async Task Closing_stdin_ends_the_host_at_once_and_its_peer_leaves()
    {
        await using var processes = new HostProcesses();
        HostProcess alpha = await processes.StartAsync("alpha");
        HostProcess beta = await processes.StartAsync("beta");
        await WaitForPeerAsync(beta, "alpha");
        int alphaPid = (await alpha.CallAsync("mesh_status"))["hostPid"].GetInt32();

        var clock = Stopwatch.StartNew();
        await alpha.DisposeAsync();
        TimeSpan exit = clock.Elapsed;

        // The SDK kills a server only after its 10 s shutdown timeout: this one left by itself.
        Assert.False(ProcessTree.IsAlive(alphaPid));
        Assert.InRange(exit, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(
            async () => !(await beta.CallAsync("mesh_peers"))["peers"].EnumerateArray().Any(p => p.GetProperty("name").GetString() == "alpha"),
            TimeSpan.FromSeconds(5),
            "alpha's peer leaves the mesh");
        ToolReply left = await beta.CallAsync("mesh_events", ("action", "read"), ("types", new[] { "peer_left" }));
        Assert.Equal("left", Assert.Single(left["events"].EnumerateArray()).GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task When_the_agent_process_dies_the_host_exits_though_its_stdin_stays_open()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Reads /proc.");
        await using var processes = new HostProcesses();
        HostProcess observer = await processes.StartAsync("observer");
        HostProcess orphan = await processes.StartUnderAgentAsync("orphan");
        await WaitForPeerAsync(observer, "orphan");
        JsonElement self = (await orphan.CallAsync("mesh_status"))["self"];
        int agentPid = self.GetProperty("agentPid").GetInt32();
        int hostPid = self.GetProperty("pid").GetInt32();
        Assert.Equal("claude-code", self.GetProperty("agentType").GetString());
        Assert.StartsWith("perl", File.ReadAllText($"/proc/{agentPid}/cmdline"), StringComparison.Ordinal);

        using (Process agent = Process.GetProcessById(agentPid))
        {
            agent.Kill();
        }

        await Eventually.TrueAsync(() => Task.FromResult(!ProcessTree.IsAlive(hostPid)), TimeSpan.FromSeconds(5), "the orphaned host exits");
        await Eventually.TrueAsync(
            async () => !(await observer.CallAsync("mesh_peers"))["peers"].EnumerateArray().Any(p => p.GetProperty("name").GetString() == "orphan"),
            TimeSpan.FromSeconds(5),
            "the orphan's peer leaves the mesh");
    }

    [Fact]
    public async Task Logs_go_to_stderr_while_stdout_carries_only_the_protocol()
    {
        await using var processes = new HostProcesses();
        HostProcess chatty = await processes.StartAsync("chatty", logLevel: "trace");

        ToolReply status = await chatty.CallAsync("mesh_status");

        Assert.False(status.IsError);
        Assert.NotEmpty(chatty.StandardError);
        Assert.Contains(chatty.StandardError, line => line.Contains("dbug:", StringComparison.Ordinal) || line.Contains("trce:", StringComparison.Ordinal));
    }

    private static Task WaitForPeerAsync(HostProcess host, string peer) =>
        Eventually.TrueAsync(
            async () => (await host.CallAsync("mesh_peers"))["peers"].EnumerateArray().Any(p => p.GetProperty("name").GetString() == peer),
            TimeSpan.FromSeconds(15),
            $"{host.Name} sees {peer}");
}
