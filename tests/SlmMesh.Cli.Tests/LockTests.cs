using System.Text.Json;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class LockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cli_lock_outlives_the_invocation_blocks_agents_and_is_released_by_the_same_identity()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");

        CliResult acquired = await mesh.Cli().RunAsync("lock", "acquire", "src/auth.cs", "--reason", "hand edit", "--ttl", "5", "--json");

        Assert.Equal(0, acquired.ExitCode);
        JsonElement granted = acquired.Json.GetProperty("lock");
        Assert.Equal(Path.Combine(mesh.Project, "src/auth.cs"), granted.GetProperty("path").GetString());
        Assert.Equal("cli@project", granted.GetProperty("holderName").GetString());
        Assert.InRange(granted.GetProperty("expiresInMs").GetInt64(), 240_000, 300_000);
        MeshException refused = await Assert.ThrowsAsync<MeshException>(() => claude.AcquireLockAsync(Path.Combine(mesh.Project, "src/auth.cs"), cancellationToken: Ct));
        Assert.Equal(MeshErrorCode.Locked, refused.Code);

        CliResult released = await mesh.Cli().RunAsync("lock", "release", "src/auth.cs");

        Assert.Equal(0, released.ExitCode);
        Assert.Equal("Released src/auth.cs.\n", released.Output);
        Assert.Empty(await claude.QueryLocksAsync(null, Ct));
    }

    [Fact]
    public async Task A_lock_held_by_another_peer_exits_4_naming_holder_reason_and_time_left()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        await claude.AcquireLockAsync("src/**", "refactoring", cancellationToken: Ct);

        CliResult text = await mesh.Cli().RunAsync("lock", "acquire", "src/auth.cs");
        CliResult json = await mesh.Cli().RunAsync("lock", "acquire", "src/auth.cs", "--json");
        CliResult release = await mesh.Cli().RunAsync("lock", "release", "src/**");

        Assert.Equal(4, text.ExitCode);
        Assert.Contains("locked by claude", text.Error, StringComparison.Ordinal);
        Assert.Contains("refactoring", text.Error, StringComparison.Ordinal);
        Assert.Equal(4, json.ExitCode);
        JsonElement error = json.Json.GetProperty("error");
        Assert.Equal(MeshErrorCode.Locked, error.GetProperty("code").GetString());
        Assert.Equal("claude", error.GetProperty("lock").GetProperty("holderName").GetString());
        Assert.Equal(4, release.ExitCode);
    }

    [Fact]
    public async Task Another_folder_is_another_identity()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        string other = Path.Combine(mesh.Home.Directory, "other");
        Directory.CreateDirectory(other);
        string file = Path.Combine(mesh.Project, "notes.md");
        await mesh.Cli().RunAsync("lock", "acquire", file);

        CliResult blocked = await mesh.Cli(other).RunAsync("lock", "acquire", file);
        CliResult stolen = await mesh.Cli(other).RunAsync("lock", "release", file);
        CliResult renewed = await mesh.Cli().RunAsync("lock", "acquire", file);

        Assert.Equal(4, blocked.ExitCode);
        Assert.Equal(4, stolen.ExitCode);
        Assert.Equal(0, renewed.ExitCode);
    }

    [Fact]
    public async Task Releasing_a_lock_nobody_holds_exits_1()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult result = await mesh.Cli().RunAsync("lock", "release", "nothing.txt", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(MeshErrorCode.NotFound, result.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Acquire_with_wait_gets_the_lock_when_the_holder_releases()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        string file = Path.Combine(mesh.Project, "a.txt");
        await claude.AcquireLockAsync(file, "short job", cancellationToken: Ct);

        Task<CliResult> waiting = mesh.Cli().RunAsync("lock", "acquire", file, "--wait", "30");
        await Eventually.TrueAsync(async () => (await mesh.Cli().RunAsync("status", "--json")).Json.GetProperty("broker").GetProperty("connections").GetInt32() >= 3, because: "the waiting CLI is connected");
        await claude.ReleaseLockAsync(file, Ct);
        CliResult result = await waiting.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("cli@project", Assert.Single(await claude.QueryLocksAsync(file, Ct)).HolderName);
    }

    [Fact]
    public async Task List_shows_holder_reason_and_time_left_and_filters_by_path()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        await claude.AcquireLockAsync(Path.Combine(mesh.Project, "src/**"), "refactoring", TimeSpan.FromMinutes(10), cancellationToken: Ct);
        await claude.AcquireLockAsync(Path.Combine(mesh.Project, "docs/readme.md"), "typos", cancellationToken: Ct);

        CliResult all = await mesh.Cli().RunAsync("lock", "list");
        CliResult covering = await mesh.Cli().RunAsync("lock", "list", "src/auth/login.cs", "--json");
        CliResult none = await mesh.Cli().RunAsync("lock", "list", "tests/x.cs");

        Assert.Matches("(?m)^PATH +HOLDER +REASON +TIME LEFT +TOKEN$", all.Output);
        Assert.Matches("(?m)src/\\*\\* +claude +refactoring +(9m 5\\d|10m)s? +1$", all.Output);
        Assert.Equal(3, all.Output.TrimEnd().Split('\n').Length);
        JsonElement found = Assert.Single(covering.Json.GetProperty("locks").EnumerateArray());
        Assert.True(found.GetProperty("isGlob").GetBoolean());
        Assert.Equal("No lock covers tests/x.cs.\n", none.Output);
    }
}
