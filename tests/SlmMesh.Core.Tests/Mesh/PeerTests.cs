using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Mesh;

public sealed class PeerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Names_are_made_unique()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient first = await mesh.ConnectAsync("agent");
        MeshClient second = await mesh.ConnectAsync("agent");

        Assert.Equal("agent", first.Self?.Name);
        Assert.Equal("agent-2", second.Self?.Name);
    }

    [Fact]
    public async Task Scopes_select_by_folder_and_repository()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        string repo = Path.Combine(mesh.Home.Directory, "repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        Directory.CreateDirectory(Path.Combine(repo, "web"));
        File.WriteAllText(Path.Combine(repo, ".git", "HEAD"), "ref: refs/heads/main\n");
        MeshClient root = await mesh.ConnectAsync("root", o => o with { Cwd = repo });
        MeshClient web = await mesh.ConnectAsync("web", o => o with { Cwd = Path.Combine(repo, "web") });
        MeshClient outside = await mesh.ConnectAsync("outside");

        var fromRootDirectory = await root.ListPeersAsync(PeerScopes.Directory, cancellationToken: Ct);
        var fromWebDirectory = await web.ListPeersAsync(PeerScopes.Directory, cancellationToken: Ct);
        var fromWebRepo = await web.ListPeersAsync(PeerScopes.Repo, cancellationToken: Ct);
        var machine = await outside.ListPeersAsync(cancellationToken: Ct);

        Assert.Equal(["web"], fromRootDirectory.Select(p => p.Name));
        Assert.Empty(fromWebDirectory);
        Assert.Equal(["root"], fromWebRepo.Select(p => p.Name));
        Assert.Equal(["root", "web"], machine.Select(p => p.Name));
        Assert.Equal("main", web.Self?.GitBranch);
    }

    [Fact]
    public async Task A_summary_is_visible_to_others_and_limited_in_length()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");

        await a.SetSummaryAsync("Fixing the login bug", Ct);
        var tooLong = await Assert.ThrowsAsync<MeshException>(() => a.SetSummaryAsync(new string('x', 2501), Ct));

        Assert.Equal("Fixing the login bug", (await b.ListPeersAsync(cancellationToken: Ct)).Single().Summary);
        Assert.Equal(MeshErrorCode.TooLarge, tooLong.Code);
    }

    [Fact]
    public async Task A_disposed_client_leaves_at_once_with_a_reason()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient a = await mesh.ConnectAsync("a");
        MeshClient b = await mesh.ConnectAsync("b");
        long before = (await a.ReadEventsAsync(long.MaxValue - 1, limit: 1, cancellationToken: Ct)).LastId;

        await b.DisposeAsync();

        Assert.Empty(await a.ListPeersAsync(cancellationToken: Ct));
        MeshEvent left = Assert.Single((await a.ReadEventsAsync(before, [EventTypes.PeerLeft], cancellationToken: Ct)).Events);
        Assert.Contains("\"reason\":\"left\"", left.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_observer_can_read_but_not_act_as_a_peer()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.ConnectAsync("a");
        MeshClient observer = await mesh.ConnectAsync("observer", o => o with { Role = MeshClientRole.Observer });

        var peers = await observer.ListPeersAsync(cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<MeshException>(() => observer.SendAsync("a", "hi", cancellationToken: Ct));

        Assert.Equal(["a"], peers.Select(p => p.Name));
        Assert.Equal(MeshErrorCode.NotRegistered, refused.Code);
    }
}
