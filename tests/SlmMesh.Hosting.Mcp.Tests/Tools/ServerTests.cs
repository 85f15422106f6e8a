using System.Text.Json;
using ModelContextProtocol.Client;
using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.Tools;

public sealed class ServerTests
{
    private static readonly string[] ToolNames =
        ["mesh_peers", "mesh_summary", "mesh_send", "mesh_inbox", "mesh_state", "mesh_lock", "mesh_events", "mesh_status", "mesh_wait"];

    [Fact]
    public async Task Initialize_declares_instructions_the_inbox_subscription_and_the_claude_channel()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent agent = await mesh.JoinAsync("alpha");

        Assert.Equal(InProcessMesh.ClientProtocolVersion, agent.Client.NegotiatedProtocolVersion);
        Assert.Equal("slm-mesh", agent.Client.ServerInfo?.Name);
        Assert.Contains("mesh_summary", agent.Client.ServerInstructions, StringComparison.Ordinal);
        Assert.Contains("newMessages", agent.Client.ServerInstructions, StringComparison.Ordinal);
        Assert.True(agent.Client.ServerCapabilities.Resources?.Subscribe);
        Assert.True(agent.Client.ServerCapabilities.Experimental?.ContainsKey("claude/channel"));
    }

    [Fact]
    public async Task The_nine_tools_of_the_spec_are_listed_with_their_argument_names()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent agent = await mesh.JoinAsync("alpha");

        IList<McpClientTool> tools = await agent.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ToolNames.Order(), tools.Select(t => t.Name).Order());
        Dictionary<string, string[]> arguments = tools.ToDictionary(
            t => t.Name,
            t => t.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal(["scope"], arguments["mesh_peers"]);
        Assert.Equal(["summary"], arguments["mesh_summary"]);
        Assert.Equal(new[] { "message", "replyTo", "to", "type" }, arguments["mesh_send"]);
        Assert.Equal(new[] { "filter", "from", "limit" }, arguments["mesh_inbox"]);
        Assert.Equal(new[] { "action", "expectedVersion", "key", "namespace", "value" }, arguments["mesh_state"]);
        Assert.Equal(new[] { "action", "filePath", "reason", "ttlMinutes", "waitSeconds" }, arguments["mesh_lock"]);
        Assert.Equal(new[] { "action", "limit", "since", "types" }, arguments["mesh_events"]);
        Assert.Empty(arguments["mesh_status"]);
        Assert.Equal(new[] { "from", "replyTo", "timeoutSeconds" }, arguments["mesh_wait"]);
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }

    [Fact]
    public async Task Initialize_is_answered_without_a_broker_and_tools_then_report_unavailable()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync(withBroker: false);
        McpAgent agent = await mesh.JoinAsync("alone", configure: o => o.ConnectTimeout = TimeSpan.FromMilliseconds(300));

        ToolReply reply = await agent.CallAsync("mesh_peers");

        Assert.True(reply.IsError);
        Assert.Equal("unavailable", reply.ErrorCode);
        Assert.Contains(mesh.Home.Directory, reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_an_error_result_with_code_and_message_not_the_sdk_text()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent agent = await mesh.JoinAsync("alpha");

        ToolReply reply = await agent.CallAsync("mesh_peers", ("scope", "galaxy"));

        Assert.True(reply.IsError);
        Assert.Equal("invalid_argument", reply.ErrorCode);
        Assert.Equal("'scope' must be one of machine, directory, repo; got 'galaxy'.", reply.ErrorMessage);
        Assert.DoesNotContain("An error occurred", reply.Text, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, reply["error"].ValueKind);
    }

    [Fact]
    public async Task Arguments_the_sdk_cannot_bind_are_an_invalid_argument_result_naming_the_problem()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent agent = await mesh.JoinAsync("alpha");

        ToolReply missing = await agent.CallAsync("mesh_summary");
        ToolReply wrongType = await agent.CallAsync("mesh_inbox", ("limit", "many"));

        Assert.True(missing.IsError);
        Assert.Equal("invalid_argument", missing.ErrorCode);
        Assert.Contains("'summary'", missing.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("invalid_argument", wrongType.ErrorCode);
        Assert.StartsWith("Invalid arguments for mesh_inbox", wrongType.ErrorMessage, StringComparison.Ordinal);
    }
}
