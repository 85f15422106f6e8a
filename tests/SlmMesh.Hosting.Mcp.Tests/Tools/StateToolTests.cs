using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.Tools;

public sealed class StateToolTests
{
    [Fact]
    public async Task Set_get_list_and_delete_round_trip_with_versions()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");

        ToolReply set = await alpha.CallAsync("mesh_state", ("action", "set"), ("key", "api/version"), ("value", "v2"), ("namespace", "contracts"), ("expectedVersion", 0));
        ToolReply got = await beta.CallAsync("mesh_state", ("action", "get"), ("key", "api/version"), ("namespace", "contracts"));
        ToolReply listed = await beta.CallAsync("mesh_state", ("action", "list"), ("key", "api/"));
        ToolReply deleted = await beta.CallAsync("mesh_state", ("action", "delete"), ("key", "api/version"), ("namespace", "contracts"));
        ToolReply gone = await alpha.CallAsync("mesh_state", ("action", "get"), ("key", "api/version"), ("namespace", "contracts"));

        Assert.Equal(1, set["entry"].GetProperty("version").GetInt64());
        Assert.True(got["found"].GetBoolean());
        Assert.Equal("v2", got["entry"].GetProperty("value").GetString());
        Assert.Equal(await alpha.PeerIdAsync(), got["entry"].GetProperty("updatedBy").GetString());
        Assert.Equal(1, listed["count"].GetInt32());
        Assert.Equal("contracts", listed["entries"][0].GetProperty("namespace").GetString());
        Assert.True(deleted["deleted"].GetBoolean());
        Assert.False(gone["found"].GetBoolean());
        Assert.False(gone.Json.TryGetProperty("entry", out _));
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_that_shows_the_current_version()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");

        await alpha.CallAsync("mesh_state", ("action", "set"), ("key", "owner"), ("value", "alpha"));
        await alpha.CallAsync("mesh_state", ("action", "set"), ("key", "owner"), ("value", "alpha again"));
        ToolReply conflict = await beta.CallAsync("mesh_state", ("action", "set"), ("key", "owner"), ("value", "beta"), ("expectedVersion", 1));

        Assert.True(conflict.IsError);
        Assert.Equal("conflict", conflict.ErrorCode);
        Assert.Equal(2, conflict["error"].GetProperty("currentVersion").GetInt64());
    }

    [Theory]
    [InlineData("get")]
    [InlineData("set")]
    [InlineData("delete")]
    public async Task Actions_on_a_key_need_the_key(string action)
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");

        ToolReply reply = await alpha.CallAsync("mesh_state", ("action", action), ("value", "x"));

        Assert.Equal("invalid_argument", reply.ErrorCode);
        Assert.Contains("'key' is required", reply.ErrorMessage, StringComparison.Ordinal);
    }
}
