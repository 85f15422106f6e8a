using System.Text.Json;
using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.Tools;

public sealed class LockToolTests
{
    [Fact]
    public async Task A_conflicting_lock_is_refused_naming_the_holder_and_its_reason()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        string repo = mesh.Home.Workspace("repo");
        McpAgent alpha = await mesh.JoinAsync("alpha", configure: o => o.Cwd = repo);
        McpAgent beta = await mesh.JoinAsync("beta", configure: o => o.Cwd = repo);

        ToolReply held = await alpha.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "src/auth/**"), ("reason", "refactoring auth"), ("ttlMinutes", 5));
        ToolReply refused = await beta.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "src/auth/login.cs"));

        Assert.False(held.IsError);
        Assert.Equal(Path.Combine(repo, "src/auth/**"), held["lock"].GetProperty("path").GetString());
        Assert.True(held["lock"].GetProperty("glob").GetBoolean());
        Assert.InRange(held["lock"].GetProperty("expiresInSeconds").GetInt64(), 290, 300);
        Assert.True(refused.IsError);
        Assert.Equal("locked", refused.ErrorCode);
        Assert.Contains("alpha", refused.ErrorMessage, StringComparison.Ordinal);
        JsonElement holder = refused["error"].GetProperty("lock");
        Assert.Equal("alpha", holder.GetProperty("holderName").GetString());
        Assert.Equal("refactoring auth", holder.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Query_lists_locks_and_unlock_releases_so_another_agent_can_lock()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        string repo = mesh.Home.Workspace("repo");
        McpAgent alpha = await mesh.JoinAsync("alpha", configure: o => o.Cwd = repo);
        McpAgent beta = await mesh.JoinAsync("beta", configure: o => o.Cwd = repo);

        await alpha.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "a.cs"));
        ToolReply all = await beta.CallAsync("mesh_lock", ("action", "query"));
        ToolReply onOther = await beta.CallAsync("mesh_lock", ("action", "query"), ("filePath", "b.cs"));
        ToolReply byOther = await beta.CallAsync("mesh_lock", ("action", "unlock"), ("filePath", "a.cs"));
        ToolReply released = await alpha.CallAsync("mesh_lock", ("action", "unlock"), ("filePath", "a.cs"));
        ToolReply taken = await beta.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "a.cs"));

        Assert.Equal(1, all["count"].GetInt32());
        Assert.Equal("alpha", all["locks"][0].GetProperty("holderName").GetString());
        Assert.Equal(0, onOther["count"].GetInt32());
        Assert.Equal("unauthorized", byOther.ErrorCode);
        Assert.Contains("alpha", byOther.ErrorMessage, StringComparison.Ordinal);
        Assert.True(released["released"].GetBoolean());
        Assert.False(taken.IsError);
        Assert.Equal("beta", taken["lock"].GetProperty("holderName").GetString());
    }

    [Fact]
    public async Task A_lock_with_waitSeconds_queues_until_the_holder_unlocks()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        string repo = mesh.Home.Workspace("repo");
        McpAgent alpha = await mesh.JoinAsync("alpha", configure: o => o.Cwd = repo);
        McpAgent beta = await mesh.JoinAsync("beta", configure: o => o.Cwd = repo);
        await alpha.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "a.cs"));

        Task<ToolReply> waiting = beta.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "a.cs"), ("waitSeconds", 30));
        await Eventually.TrueAsync(() => Task.FromResult(!waiting.IsCompleted));
        await alpha.CallAsync("mesh_lock", ("action", "unlock"), ("filePath", "a.cs"));
        ToolReply granted = await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.False(granted.IsError);
        Assert.Equal("beta", granted["lock"].GetProperty("holderName").GetString());
    }

    [Theory]
    [InlineData("ttlMinutes", 61)]
    [InlineData("waitSeconds", 121)]
    public async Task Out_of_range_numbers_are_invalid(string argument, int value)
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");

        ToolReply reply = await alpha.CallAsync("mesh_lock", ("action", "lock"), ("filePath", "a.cs"), (argument, value));

        Assert.Equal("invalid_argument", reply.ErrorCode);
        Assert.Contains(argument, reply.ErrorMessage, StringComparison.Ordinal);
    }
}
