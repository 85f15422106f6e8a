using System.Text;
using SlmMesh.Discovery;

namespace SlmMesh.Core.Tests.Discovery;

public sealed class ProcessTreeParsingTests
{
    [Theory]
    [InlineData("3958 (bash) S 3955 3958 3958 0 -1", "bash", 'S', 3955)]
    [InlineData("42 (a b) (c) R 7 42 42", "a b) (c", 'R', 7)]
    [InlineData("42 ()) Z 1 0", ")", 'Z', 1)]
    [InlineData("42 (x) S 0", "x", 'S', 0)]
    public void A_stat_line_gives_name_state_and_parent(string stat, string name, char state, int parent)
    {
        Assert.True(ProcessTree.TryParseStat(stat, out string parsedName, out char parsedState, out int parsedParent));
        Assert.Equal((name, state, parent), (parsedName, parsedState, parsedParent));
    }

    [Theory]
    [InlineData("")]
    [InlineData("42 no parentheses S 1")]
    [InlineData("42 (x) S")]
    [InlineData("42 (x) S notanumber")]
    public void A_malformed_stat_line_is_rejected(string stat) => Assert.False(ProcessTree.TryParseStat(stat, out _, out _, out _));

    [Fact]
    public void Command_line_arguments_are_joined_with_spaces()
    {
        Assert.Equal("node /x/cli.js --flag", ProcessTree.JoinArguments("node\0/x/cli.js\0--flag\0"u8));
        Assert.Null(ProcessTree.JoinArguments(""u8));
        Assert.Null(ProcessTree.JoinArguments("\0\0"u8));
    }

    [Fact]
    public void Procargs_give_the_arguments_without_the_environment()
    {
        byte[] buffer = [.. BitConverter.GetBytes(2), .. Encoding.UTF8.GetBytes("/usr/local/bin/node\0\0\0\0node\0/x/codex.js\0HOME=/Users/u\0")];

        Assert.Equal("node /x/codex.js", ProcessTree.ParseProcArgs(buffer));
    }
}
