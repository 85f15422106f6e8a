using System.Text.Json;
using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.Tools;

public sealed class MessageToolTests
{
    [Fact]
    public async Task A_message_arrives_in_the_recipients_next_tool_result_once_and_is_then_read()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");
        string betaId = await beta.PeerIdAsync();

        ToolReply sent = await alpha.CallAsync("mesh_send", ("to", "beta"), ("message", "Can I change login.cs?"));
        await beta.Notifications.WaitForAsync("notifications/slm-mesh/message");
        ToolReply first = await beta.CallAsync("mesh_peers");
        ToolReply second = await beta.CallAsync("mesh_peers");

        Assert.False(sent.IsError);
        Assert.Equal([betaId], sent["recipients"].EnumerateArray().Select(r => r.GetString()));
        JsonElement message = Assert.Single(first.NewMessages);
        Assert.Equal(sent["id"].GetString(), message.GetProperty("id").GetString());
        Assert.Equal("alpha", message.GetProperty("fromName").GetString());
        Assert.Equal("Can I change login.cs?", message.GetProperty("message").GetString());
        Assert.Equal("text", message.GetProperty("type").GetString());
        Assert.Empty(second.NewMessages);

        // Returned once means acknowledged: the broker marks it read (in the background).
        await Eventually.TrueAsync(async () => (await beta.CallAsync("mesh_inbox")).Json.GetProperty("count").GetInt32() == 0, because: "the piggybacked message is acknowledged");
    }

    [Fact]
    public async Task A_broadcast_reaches_everyone_else_and_a_reply_names_what_it_answers()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");
        McpAgent gamma = await mesh.JoinAsync("gamma");

        ToolReply broadcast = await alpha.CallAsync("mesh_send", ("to", "all"), ("message", "Schema changed"), ("type", "alert"));
        ToolReply atBeta = await beta.CallAsync("mesh_wait", ("timeoutSeconds", 10));
        ToolReply atGamma = await gamma.CallAsync("mesh_wait", ("timeoutSeconds", 10));
        string alphaId = await alpha.PeerIdAsync();
        ToolReply reply = await beta.CallAsync("mesh_send", ("to", alphaId), ("message", "Migrated"), ("replyTo", broadcast["id"].GetString()));
        ToolReply answer = await alpha.CallAsync("mesh_wait", ("timeoutSeconds", 10), ("replyTo", broadcast["id"].GetString()));

        Assert.Equal(2, broadcast["recipients"].GetArrayLength());
        Assert.True(atBeta["message"].GetProperty("broadcast").GetBoolean());
        Assert.Equal("alert", atGamma["message"].GetProperty("type").GetString());
        Assert.False(reply.IsError);
        Assert.False(answer["timedOut"].GetBoolean());
        Assert.Equal("Migrated", answer["message"].GetProperty("message").GetString());
        Assert.Equal(broadcast["id"].GetString(), answer["message"].GetProperty("replyTo").GetString());
    }

    [Fact]
    public async Task Wait_times_out_with_timedOut_and_no_message()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");

        ToolReply waited = await alpha.CallAsync("mesh_wait", ("timeoutSeconds", 1));
        ToolReply tooLong = await alpha.CallAsync("mesh_wait", ("timeoutSeconds", 121));

        Assert.False(waited.IsError);
        Assert.True(waited["timedOut"].GetBoolean());
        Assert.False(waited.Json.TryGetProperty("message", out _));
        Assert.Equal("invalid_argument", tooLong.ErrorCode);
    }

    [Fact]
    public async Task Inbox_returns_unread_messages_marks_them_read_and_can_filter_by_sender_while_others_ride_along()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");
        McpAgent gamma = await mesh.JoinAsync("gamma");

        await alpha.CallAsync("mesh_send", ("to", "gamma"), ("message", "one"));
        await beta.CallAsync("mesh_send", ("to", "gamma"), ("message", "two"));
        ToolReply fromBeta = await gamma.CallAsync("mesh_inbox", ("from", "beta"));
        ToolReply none = await gamma.CallAsync("mesh_inbox");
        ToolReply all = await gamma.CallAsync("mesh_inbox", ("filter", "all"));

        Assert.Equal(["two"], fromBeta["messages"].EnumerateArray().Select(m => m.GetProperty("message").GetString()));

        // The other new message rides along in the same result, not twice.
        Assert.Equal(["one"], fromBeta.NewMessages.Select(m => m.GetProperty("message").GetString()));
        Assert.Equal(0, none["count"].GetInt32());
        Assert.Empty(none.NewMessages);
        Assert.Equal(2, all["count"].GetInt32());
        Assert.All(all["messages"].EnumerateArray(), m => Assert.True(m.TryGetProperty("readAt", out _)));
    }

    [Fact]
    public async Task Sending_to_an_unknown_peer_is_a_not_found_error_result()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");

        ToolReply reply = await alpha.CallAsync("mesh_send", ("to", "nobody"), ("message", "hi"));

        Assert.True(reply.IsError);
        Assert.Equal("not_found", reply.ErrorCode);
        Assert.Contains("nobody", reply.ErrorMessage, StringComparison.Ordinal);
    }
}
