using SlmMesh.Coordination;

namespace SlmMesh.Core.Tests.Coordination;

public sealed class GlobPatternMatchTests
{
    public static TheoryData<string, string, bool> MatchCases => new()
    {
        // '*' stays within a segment.
        { "/src/*.cs", "/src/a.cs", true },
        { "/src/*.cs", "/src/.cs", true },
        { "/src/*.cs", "/src/sub/a.cs", false },
        { "/src/*.cs", "/src/a.csx", false },
        { "/src/*", "/src", false },
        { "/src/a*b*c", "/src/abc", true },
        { "/src/a*b*c", "/src/axxbyyc", true },
        { "/src/a*b*c", "/src/axxbyy", false },
        { "/src/a**b", "/src/axb", true },
        { "/src/a**b", "/src/ax/b", false },

        // '**' is any number of whole segments, none included.
        { "/src/**", "/src", true },
        { "/src/**", "/src/a", true },
        { "/src/**", "/src/a/b/c.cs", true },
        { "/src/**", "/srcx", false },
        { "/src/**/*.cs", "/src/a.cs", true },
        { "/src/**/*.cs", "/src/a/b/c.cs", true },
        { "/src/**/*.cs", "/src/a/b/c.sql", false },
        { "/src/**/test/**", "/src/test", true },
        { "/src/**/test/**", "/src/a/test/b/c", true },
        { "/src/**/test/**", "/src/a/testx/b", false },
        { "/**", "/", true },
        { "/**", "/anything/at/all", true },
        { "/**/**/x", "/x", true },
        { "/**/**/x", "/a/b/c/x", true },
        { "**/*.sql", "db/a.sql", true },
        { "**/*.sql", "a.sql", true },
        { "**/*.sql", "/a.sql", false },

        // '?' is one character, never '/'.
        { "/a/?.cs", "/a/b.cs", true },
        { "/a/?.cs", "/a/bb.cs", false },
        { "/a/?.cs", "/a/.cs", false },
        { "/a?b", "/a/b", false },

        // Classes.
        { "/a/[bc].cs", "/a/c.cs", true },
        { "/a/[bc].cs", "/a/d.cs", false },
        { "/a/[a-z]1", "/a/q1", true },
        { "/a/[a-z]1", "/a/Q1", false },
        { "/a/[!a-z]1", "/a/Q1", true },
        { "/a/[!a-z]1", "/a/q1", false },
        { "/a/[^a-z]1", "/a/Q1", true },
        { "/a/[]x]", "/a/]", true },
        { "/a/[!]x]", "/a/]", false },
        { "/a/[!]x]", "/a/y", true },
        { "/a/[a-]", "/a/-", true },
        { "/a[!b]c", "/a/c", false },

        // Case-sensitive, literal backslash, separators tolerated in the path.
        { "/Src/*.cs", "/src/a.cs", false },
        { "/a\\b", "/a\\b", true },
        { "/a/b", "/a/b/", true },
        { "/a/b", "//a//b", true },
        { "/a//b/", "/a/b", true },
        { "/", "/", true },
        { "/", "/a", false },
        { "/a/*", "", false },
    };

    [Theory]
    [MemberData(nameof(MatchCases))]
    public void IsMatch_follows_the_glob_rules(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, GlobPattern.Parse(pattern).IsMatch(path));
    }

    [Theory]
    [InlineData("/a/[bc")]
    [InlineData("/a/[")]
    [InlineData("/a/[!]")]
    [InlineData("/a/[z-a]")]
    [InlineData("/a/[b/c]")]
    [InlineData("")]
    [InlineData("/a\0b")]
    public void Parse_refuses_a_malformed_glob(string pattern)
    {
        var ex = Assert.Throws<MeshException>(() => GlobPattern.Parse(pattern));
        Assert.Equal(MeshErrorCode.InvalidArgument, ex.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Pattern_is_the_text_parsed()
    {
        Assert.Equal("src//*.cs", GlobPattern.Parse("src//*.cs").Pattern);
    }
}
