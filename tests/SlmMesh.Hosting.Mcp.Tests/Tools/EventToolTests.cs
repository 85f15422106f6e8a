using System.Text.Json;
using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.Tools;

public sealed class EventToolTests
{
    [Fact]
    public async Task Read_returns_stored_events_newest_last_with_their_data_inline()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        await mesh.JoinAsync("beta");

        ToolReply all = await alpha.CallAsync("mesh_events", ("action", "read"));
        ToolReply joins = await alpha.CallAsync("mesh_events", ("action", "read"), ("types", new[] { "peer_*" }), ("limit", 1));
        long lastId = all["lastId"].GetInt64();
        ToolReply after = await alpha.CallAsync("mesh_events", ("action", "read"), ("since", lastId));

        JsonElement[] events = [.. all["events"].EnumerateArray()];
        Assert.Equal(["peer_joined", "peer_joined"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("beta", events[^1].GetProperty("data").GetProperty("name").GetString());
        JsonElement newest = Assert.Single(joins["events"].EnumerateArray());
        Assert.Equal(events[^1].GetProperty("id").GetInt64(), newest.GetProperty("id").GetInt64());
        Assert.Equal(0, after["count"].GetInt32());
    }

    [Fact]
    public async Task Subscribed_events_of_others_are_pushed_and_ride_along_in_the_next_result()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");

        ToolReply subscribed = await beta.CallAsync("mesh_events", ("action", "subscribe"), ("types", new[] { "file_*" }));
        await beta.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "mine.cs"));
        await alpha.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "theirs.cs"));
        await beta.Notifications.WaitForAsync("notifications/slm-mesh/event", p => p?["type"]?.GetValue<string>() == "file_locked");
        ToolReply next = await beta.CallAsync("mesh_status");
        ToolReply unsubscribed = await beta.CallAsync("mesh_events", ("action", "unsubscribe"));

        Assert.True(subscribed["subscribed"].GetBoolean());
        Assert.Equal(["file_*"], subscribed["types"].EnumerateArray().Select(t => t.GetString()));
        JsonElement locked = Assert.Single(next.NewEvents);
        Assert.Equal("file_locked", locked.GetProperty("type").GetString());
        Assert.EndsWith("theirs.cs", locked.GetProperty("data").GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.False(unsubscribed["subscribed"].GetBoolean());
    }

    [Fact]
    public async Task After_unsubscribing_no_events_ride_along()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");

        await beta.CallAsync("mesh_events", ("action", "subscribe"));
        await beta.CallAsync("mesh_events", ("action", "unsubscribe"));
        await alpha.CallAsync("mesh_summary", ("summary", "busy"));
        await alpha.CallAsync("mesh_send", ("to", "beta"), ("message", "marker"));
        ToolReply next = await beta.CallAsync("mesh_wait", ("timeoutSeconds", 10));

        Assert.Equal("marker", next["message"].GetProperty("message").GetString());
        Assert.Empty(next.NewEvents);
        Assert.Empty(beta.Notifications.Of("notifications/slm-mesh/event"));
    }
}
