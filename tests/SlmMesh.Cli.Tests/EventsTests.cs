using System.Text.Json;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class EventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_lists_the_newest_as_sentences_with_recipient_names()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.AgentAsync("codex");
        await claude.AcquireLockAsync(Path.Combine(mesh.Project, "src/**"), "refactoring", cancellationToken: Ct);
        await claude.SendAsync("codex", "hi", cancellationToken: Ct);
        await codex.SetStateAsync("api", "v2", cancellationToken: Ct);

        CliResult result = await mesh.Cli().RunAsync("events");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Matches("^#1  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  peer_joined +claude joined \\(claude-code, ", lines[0]);
        Assert.Contains("file_locked     claude locked ", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("src/** (refactoring)", lines[2], StringComparison.Ordinal);
        Assert.Contains("message_sent    claude → codex (text, m_", lines[3], StringComparison.Ordinal);
        Assert.Contains("state_changed   codex set default/api (version 1)", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_filters_and_limit_pick_the_newest_matching_events()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        for (int i = 1; i <= 5; i++)
        {
            await claude.SetStateAsync("k" + i, "v", cancellationToken: Ct);
            await claude.AcquireLockAsync(Path.Combine(mesh.Project, $"f{i}"), cancellationToken: Ct);
        }

        CliResult result = await mesh.Cli().RunAsync("events", "--type", "file_*", "--limit", "2", "--json");

        Assert.Equal(0, result.ExitCode);
        JsonElement[] events = [.. result.Json.GetProperty("events").EnumerateArray()];
        Assert.Equal(2, events.Length);
        Assert.All(events, e => Assert.Equal("file_locked", e.GetProperty("type").GetString()));
        Assert.EndsWith("/f5", events[1].GetProperty("data").GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(claude.PeerId, events[1].GetProperty("peerId").GetString());
        Assert.Equal(11, result.Json.GetProperty("lastId").GetInt64());
    }

    [Fact]
    public async Task Since_reads_forward_from_an_id()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        await claude.SetStateAsync("a", "1", cancellationToken: Ct);
        await claude.SetStateAsync("b", "2", cancellationToken: Ct);

        CliResult result = await mesh.Cli().RunAsync("events", "--since", "1", "--json");

        Assert.Equal([2L, 3L], result.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Follow_streams_new_events_as_json_lines_until_cancelled()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        var output = new WatchedWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        Task<CliResult> following = mesh.Cli().RunAsync(["events", "--follow", "--type", "state_*", "--json"], string.Empty, output, stop.Token);
        await Eventually.TrueAsync(async () => (await claude.GetStatusAsync(Ct)).Connections >= 2, because: "the follower is connected");
        await claude.SetStateAsync("first", "1", cancellationToken: Ct);
        await output.WaitForAsync(text => text.Contains("\"first\"", StringComparison.Ordinal));
        await claude.SetStateAsync("second", "2", cancellationToken: Ct);
        await claude.AcquireLockAsync(Path.Combine(mesh.Project, "x"), cancellationToken: Ct);
        await claude.DeleteStateAsync("first", cancellationToken: Ct);
        await output.WaitForAsync(text => text.Contains("state_deleted", StringComparison.Ordinal));
        await stop.CancelAsync();
        CliResult result = await following.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        string[] types = [.. lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()!)];
        Assert.Equal(["state_changed", "state_changed", "state_deleted"], types);
    }
}
