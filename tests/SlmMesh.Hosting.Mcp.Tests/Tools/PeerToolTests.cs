using System.Text.Json;
using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.Tools;

public sealed class PeerToolTests
{
    [Fact]
    public async Task Peers_lists_the_other_agents_with_their_summaries_but_not_itself()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");

        ToolReply summary = await beta.CallAsync("mesh_summary", ("summary", "Refactoring src/auth"));
        ToolReply peers = await alpha.CallAsync("mesh_peers");

        Assert.False(summary.IsError);
        Assert.Equal("Refactoring src/auth", summary["self"].GetProperty("summary").GetString());
        Assert.Equal("machine", peers["scope"].GetString());
        JsonElement peer = Assert.Single(peers["peers"].EnumerateArray());
        Assert.Equal("beta", peer.GetProperty("name").GetString());
        Assert.Equal("Refactoring src/auth", peer.GetProperty("summary").GetString());
        Assert.Equal("dotnet", peer.GetProperty("agentType").GetString());
        Assert.Equal(beta.Workspace, peer.GetProperty("cwd").GetString());
        Assert.EndsWith("Z", peer.GetProperty("connectedAt").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(peer.GetProperty("connectedAt").GetString(), out _));
    }

    [Fact]
    public async Task Directory_scope_keeps_only_agents_in_this_folder_or_below()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        string root = mesh.Home.Workspace("repo");
        string below = Directory.CreateDirectory(Path.Combine(root, "web")).FullName;
        McpAgent alpha = await mesh.JoinAsync("alpha", configure: o => o.Cwd = root);
        await mesh.JoinAsync("inside", configure: o => o.Cwd = below);
        await mesh.JoinAsync("elsewhere");

        ToolReply peers = await alpha.CallAsync("mesh_peers", ("scope", "directory"));

        Assert.Equal("directory", peers["scope"].GetString());
        Assert.Equal(["inside"], peers["peers"].EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_summary_over_the_limit_is_refused_as_too_large()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");

        ToolReply reply = await alpha.CallAsync("mesh_summary", ("summary", new string('x', 2501)));

        Assert.True(reply.IsError);
        Assert.Equal("too_large", reply.ErrorCode);
        Assert.Contains("2500", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_reports_the_broker_and_this_peer()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");

        ToolReply status = await alpha.CallAsync("mesh_status");

        Assert.False(status.IsError);
        Assert.Equal("ok", status["status"].GetString());
        Assert.Equal("alpha", status["self"].GetProperty("name").GetString());
        Assert.Equal(Environment.ProcessId, status["brokerPid"].GetInt32());
        Assert.Equal(mesh.Home.Directory, status["home"].GetString());
        Assert.Equal(1, status["peersActive"].GetInt32());
        Assert.Equal(Environment.ProcessId, status["hostPid"].GetInt32());
    }
}
