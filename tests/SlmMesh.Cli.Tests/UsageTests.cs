using SlmMesh.Cli.Tests.Support;

namespace SlmMesh.Cli.Tests;

public sealed class UsageTests
{
    public static TheoryData<string[]> Commands => new()
    {
        { ["status"] }, { ["start"] }, { ["stop"] }, { ["peers"] }, { ["send"] }, { ["broadcast"] }, { ["inbox"] },
        { ["state"] }, { ["state", "get"] }, { ["state", "set"] }, { ["state", "list"] }, { ["state", "delete"] },
        { ["lock"] }, { ["lock", "acquire"] }, { ["lock", "release"] }, { ["lock", "list"] },
        { ["events"] }, { ["clean"] }, { ["version"] }, { ["doctor"] }, { ["install"] }, { ["hook"] }, { ["top"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help_and_takes_json(string[] command)
    {
        using var home = new TestHome();

        CliResult help = await new CliRunner(home.Directory).RunAsync([.. command, "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:", help.Output, StringComparison.Ordinal);
        Assert.Contains("--json", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_root_help_lists_every_command_but_not_the_hidden_broker()
    {
        using var home = new TestHome();

        CliResult help = await new CliRunner(home.Directory).RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        foreach (string name in (string[])["status", "start", "stop", "peers", "send", "broadcast", "inbox", "state", "lock", "events", "clean", "version", "doctor", "install", "hook", "top"])
        {
            Assert.Contains("  " + name + " ", help.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("  broker ", help.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("peers", "--scope", "galaxy")]
    [InlineData("send", "only-a-peer")]
    [InlineData("lock", "acquire", "a.txt", "--ttl", "0")]
    [InlineData("install", "emacs")]
    [InlineData("events", "--limit", "0")]
    public async Task Usage_errors_exit_2_with_a_hint(params string[] args)
    {
        using var home = new TestHome();

        CliResult result = await new CliRunner(home.Directory).RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help' for usage", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_with_json_is_a_json_error_object()
    {
        using var home = new TestHome();

        CliResult result = await new CliRunner(home.Directory).RunAsync("peers", "--scope", "galaxy", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("usage", result.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, result.Json.GetProperty("error").GetProperty("exitCode").GetInt32());
    }

    [Theory]
    [InlineData]
    [InlineData("state")]
    [InlineData("lock")]
    public async Task A_group_without_a_command_shows_its_help_and_exits_2(params string[] args)
    {
        using var home = new TestHome();

        CliResult result = await new CliRunner(home.Directory).RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
    }
}
