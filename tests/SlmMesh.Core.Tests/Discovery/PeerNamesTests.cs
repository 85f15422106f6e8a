using SlmMesh.Discovery;

namespace SlmMesh.Core.Tests.Discovery;

public sealed class PeerNamesTests
{
    [Theory]
    [InlineData("claude-code", "/home/u/my-repo", "claude-code@my-repo")]
    [InlineData("codex", "/home/u/my-repo/", "codex@my-repo")]
    [InlineData("cursor", "/srv/My   Project", "cursor@My Project")]
    [InlineData("dotnet", "/", "dotnet")]
    [InlineData("", "/x/y", "unknown@y")]
    public void Derive_joins_agent_type_and_folder_name(string agentType, string cwd, string expected) =>
        Assert.Equal(expected, PeerNames.Derive(agentType, cwd));

    [Fact]
    public void Derive_keeps_long_folder_names_within_the_limit()
    {
        string name = PeerNames.Derive("claude-code", "/x/" + new string('a', 100));

        Assert.Equal(PeerNames.MaxLength, name.Length);
        Assert.StartsWith("claude-code@aaa", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  alice  ", "alice")]
    [InlineData("a \t\n  b   c", "a b c")]
    [InlineData("bell\aname", "bellname")]
    [InlineData("ALL the things", "ALL the things")]
    public void Sanitize_trims_collapses_and_drops_control_characters(string raw, string expected) =>
        Assert.Equal(expected, PeerNames.Sanitize(raw));

    [Fact]
    public void Sanitize_cuts_to_64_chars_without_splitting_a_surrogate_pair()
    {
        Assert.Equal(new string('x', 64), PeerNames.Sanitize(new string('x', 100)));

        string name = PeerNames.Sanitize(new string('x', 63) + "😀tail");

        Assert.Equal(new string('x', 63), name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("\u0001\u0002")]
    [InlineData(null)]
    [InlineData("all")]
    [InlineData(" All ")]
    public void Sanitize_rejects_empty_and_reserved_names(string? raw)
    {
        var error = Assert.Throws<MeshException>(() => PeerNames.Sanitize(raw!));

        Assert.Equal(MeshErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void MakeUnique_returns_the_first_free_name()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { "x", "x-2", "x-3" };

        Assert.Equal("y", PeerNames.MakeUnique(" y ", taken.Contains));
        Assert.Equal("x-4", PeerNames.MakeUnique("x", taken.Contains));
    }

    [Fact]
    public void MakeUnique_keeps_suffixed_names_within_the_limit()
    {
        string wanted = new('n', 64);

        string name = PeerNames.MakeUnique(wanted, candidate => candidate == wanted);

        Assert.Equal(new string('n', 62) + "-2", name);
    }

    [Fact]
    public void MakeUnique_gives_up_when_every_name_is_taken()
    {
        var error = Assert.Throws<MeshException>(() => PeerNames.MakeUnique("x", _ => true));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
    }
}
