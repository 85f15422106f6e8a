using System.Text.Json;
using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class MessagingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_delivers_from_the_cli_identity_named_after_the_folder()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");

        CliResult result = await mesh.Cli().RunAsync("send", "claude", "are you done with auth?");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Sent to claude (m_", result.Output, StringComparison.Ordinal);
        MeshMessage? received = await claude.WaitForMessageAsync(Wait, cancellationToken: Ct);
        Assert.NotNull(received);
        Assert.Equal("are you done with auth?", received.Payload);
        Assert.Equal("cli@project", received.FromName);
        Assert.StartsWith("cli-", received.From, StringComparison.Ordinal);
        Assert.Empty(await claude.ListPeersAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Send_json_reports_the_message_and_reads_the_text_from_stdin_with_a_dash()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");

        CliResult result = await mesh.Cli().RunWithInputAsync("{\"step\": 2}\n", "send", "claude", "-", "--type", "json", "--json");

        Assert.Equal(0, result.ExitCode);
        JsonElement json = result.Json;
        Assert.StartsWith("m_", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal([claude.PeerId], json.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("cli@project", json.GetProperty("fromName").GetString());
        MeshMessage? received = await claude.WaitForMessageAsync(Wait, cancellationToken: Ct);
        Assert.Equal("{\"step\": 2}", received?.Payload);
        Assert.Equal(MessageTypes.Json, received?.Type);
    }

    [Fact]
    public async Task Sending_to_an_unknown_peer_exits_1_with_the_error_code()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();

        CliResult text = await mesh.Cli().RunAsync("send", "nobody", "hello");
        CliResult json = await mesh.Cli().RunAsync("send", "nobody", "hello", "--json");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("No peer named or with id 'nobody'", text.Error, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        Assert.Equal(MeshErrorCode.NotFound, json.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_payload_over_the_limit_is_a_usage_error()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        await mesh.AgentAsync("claude");

        CliResult result = await mesh.Cli().RunAsync("send", "claude", new string('x', 70 * 1024), "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(MeshErrorCode.TooLarge, result.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Broadcast_reaches_every_agent()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        MeshClient codex = await mesh.AgentAsync("codex");

        CliResult result = await mesh.Cli().RunAsync("broadcast", "schema changed", "--type", "alert");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Broadcast to 2 peers", result.Output, StringComparison.Ordinal);
        foreach (MeshClient agent in new[] { claude, codex })
        {
            MeshMessage? alert = await agent.WaitForMessageAsync(Wait, cancellationToken: Ct);
            Assert.Equal("schema changed", alert?.Payload);
            Assert.Equal(MessageTypes.Alert, alert?.Type);
            Assert.True(alert?.Broadcast);
        }
    }

    [Fact]
    public async Task A_reply_to_the_cli_waits_in_its_inbox_which_marks_it_read()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        await mesh.Cli().RunAsync("send", "claude", "are you done?");
        MeshMessage question = (await claude.WaitForMessageAsync(Wait, cancellationToken: Ct))!;
        await claude.SendAsync(question.From, "yes, all yours", replyTo: question.Id, cancellationToken: Ct);

        CliResult peek = await mesh.Cli().RunAsync("inbox", "--peek", "--json");
        CliResult first = await mesh.Cli().RunAsync("inbox");
        CliResult second = await mesh.Cli().RunAsync("inbox");
        CliResult all = await mesh.Cli().RunAsync("inbox", "--all", "--json");

        JsonElement peeked = Assert.Single(peek.Json.GetProperty("messages").EnumerateArray());
        Assert.Equal("yes, all yours", peeked.GetProperty("payload").GetString());
        Assert.Equal(question.Id, peeked.GetProperty("replyTo").GetString());
        Assert.Equal(JsonValueKind.Null, peeked.GetProperty("readAt").ValueKind);
        Assert.Equal("cli@project", peek.Json.GetProperty("peer").GetProperty("name").GetString());
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"From claude · just now · ", first.Output, StringComparison.Ordinal);
        Assert.Contains($"reply to {question.Id}", first.Output, StringComparison.Ordinal);
        Assert.Contains("  yes, all yours", first.Output, StringComparison.Ordinal);
        Assert.Equal("No new messages for cli@project.\n", second.Output);
        Assert.NotEqual(JsonValueKind.Null, Assert.Single(all.Json.GetProperty("messages").EnumerateArray()).GetProperty("readAt").ValueKind);
    }

    [Fact]
    public async Task The_identity_is_per_folder_unless_named()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient claude = await mesh.AgentAsync("claude");
        string other = Path.Combine(mesh.Home.Directory, "other");
        Directory.CreateDirectory(other);

        await mesh.Cli().RunAsync("send", "claude", "one");
        await mesh.Cli(other).RunAsync("send", "claude", "two");
        await mesh.Cli(other).With("SLM_MESH_NAME", "reviewer").RunAsync("send", "claude", "three");

        MeshMessage[] received = [(await claude.WaitForMessageAsync(Wait, cancellationToken: Ct))!, (await claude.WaitForMessageAsync(Wait, cancellationToken: Ct))!, (await claude.WaitForMessageAsync(Wait, cancellationToken: Ct))!];
        Assert.Equal(["cli@project", "cli@other", "reviewer"], received.Select(m => m.FromName));
        Assert.Equal(3, received.Select(m => m.From).Distinct().Count());
    }
}
