using SlmMesh.Coordination;

namespace SlmMesh.Core.Tests.Coordination;

public sealed class EventTypeFilterTests
{
    [Theory]
    [InlineData("file_locked", "file_locked", true)]
    [InlineData("file_locked", "file_unlocked", false)]
    [InlineData("file_locked", "File_locked", false)]
    [InlineData("file_*", "file_locked", true)]
    [InlineData("file_*", "file_", true)]
    [InlineData("file_*", "lock_expired", false)]
    [InlineData("*_locked", "file_locked", true)]
    [InlineData("*_locked", "file_unlocked", false)]
    [InlineData("*_locked", "state_locked", true)]
    [InlineData("*_locked", "file_locked_twice", false)]
    [InlineData("peer_*_at", "peer_seen_at", true)]
    [InlineData("peer_*_at", "peer_at", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*a", "aa", true)]
    [InlineData("*a*b*", "xxbxxaxx", false)]
    [InlineData("*a*b*", "xaxxbx", true)]
    [InlineData("build.*", "build.done", true)]
    [InlineData("my-event", "my-event", true)]
    public void A_pattern_matches_exactly_or_by_wildcard(string pattern, string type, bool expected)
    {
        var filter = EventTypeFilter.Create([pattern]);
        Assert.False(filter.IsAll);
        Assert.Equal(expected, filter.Matches(type));
    }

    [Fact]
    public void Any_pattern_may_match()
    {
        var filter = EventTypeFilter.Create(["peer_joined", "file_*", "peer_joined"]);
        Assert.True(filter.Matches("peer_joined"));
        Assert.True(filter.Matches("file_unlocked"));
        Assert.False(filter.Matches("peer_left"));
        Assert.Equal(["peer_joined", "file_*"], filter.Patterns);
    }

    [Theory]
    [InlineData]
    [InlineData("*")]
    [InlineData("file_locked", "**")]
    public void No_patterns_or_a_lone_star_is_all(params string[] patterns)
    {
        var filter = EventTypeFilter.Create(patterns);
        Assert.True(filter.IsAll);
        Assert.Same(EventTypeFilter.All, filter);
        Assert.Empty(filter.Patterns);
        Assert.True(filter.Matches("anything_at_all"));
        Assert.True(filter.Matches(""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("File_locked")]
    [InlineData("file locked")]
    [InlineData("file_?")]
    [InlineData("file/locked")]
    [InlineData("fïle")]
    public void Invalid_characters_are_refused(string pattern)
    {
        var ex = Assert.Throws<MeshException>(() => EventTypeFilter.Create([pattern]));
        Assert.Equal(MeshErrorCode.InvalidArgument, ex.Code);
    }
}
