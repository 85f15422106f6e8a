using SlmMesh.Coordination;

namespace SlmMesh.Core.Tests.Coordination;

public sealed class GlobPatternOverlapTests
{
    public static TheoryData<string, string, bool> OverlapCases => new()
    {
        { "/src/*.cs", "/src/a*", true },
        { "/src/*.cs", "/src/*.sql", false },
        { "/src/*.cs", "/src/**", true },
        { "/src/*.cs", "/src/**/*.cs", true },
        { "/src/*.cs", "/src/*/*.cs", false },
        { "/src/**", "/lib/**", false },
        { "/src/**/x", "/src/a/**", true },
        { "/a/*/c", "/a/b/*", true },
        { "/a/?", "/a/bb", false },
        { "/a/?", "/a/[bc]", true },
        { "/a/[!bc]", "/a/[bc]", false },
        { "/a/[a-m]x", "/a/[n-z]*", false },
        // The characters on either side of '/' ('.' and '0').
        { "/a/0", "/a/[0-9]", true },
        { "/a/.x", "/a/[!a-z]?", true },
        { "/a/[a-m]x", "/a/[k-z]*", true },
        { "/**", "/", true },
        { "/**/*", "/", false },
        { "/**/a*a*a*b", "/**/*b*a", false },
        { "/**/a*a*a*b", "/x/**/*b*a*b", true },
        { "*.sql", "/a.sql", false },
        { "**", "a", true },
        // Segments are never empty: '*' cannot stand for the missing one.
        { "/a/*/b", "/a/b", false },
    };

    [Theory]
    [MemberData(nameof(OverlapCases))]
    public void Overlaps_is_exact(string a, string b, bool expected)
    {
        var pa = GlobPattern.Parse(a);
        var pb = GlobPattern.Parse(b);
        Assert.Equal(expected, GlobPattern.Overlaps(pa, pb));
        Assert.Equal(expected, GlobPattern.Overlaps(pb, pa));

        // The witness proves it: a path both match, and none when they are disjoint.
        string? witness = GlobPattern.FindCommonPath(pa, pb);
        Assert.Equal(expected, witness is not null);
        if (witness is not null)
        {
            Assert.True(pa.IsMatch(witness), $"{a} should match witness {witness}");
            Assert.True(pb.IsMatch(witness), $"{b} should match witness {witness}");
        }
    }

    [Fact]
    public async Task Hostile_patterns_finish_without_backtracking()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        var token = cts.Token;

        bool[] results = await Task.Run(
            () =>
            {
                var hostile = GlobPattern.Parse("/**/**/**/**/a*a*a*a*a*b");
                var other = GlobPattern.Parse("/**/**/a*a*a*a*a*a*a*c");
                string flat = "/" + new string('a', 4000);
                string deep = string.Concat(Enumerable.Repeat("/aaaaaaaaaa", 300));
                token.ThrowIfCancellationRequested();
                return new[]
                {
                    hostile.IsMatch(flat),
                    hostile.IsMatch(deep),
                    hostile.IsMatch(flat + "b"),
                    GlobPattern.Overlaps(hostile, other),
                    GlobPattern.Overlaps(hostile, GlobPattern.Parse("/**/*b")),
                    LockPaths.Conflicts(hostile.Pattern, flat),
                    LockPaths.Conflicts(hostile.Pattern, other.Pattern),
                    EventTypeFilter.Create(["*a*a*a*a*a*a*a*b"]).Matches(new string('a', 20000)),
                };
            },
            token).WaitAsync(token);

        // The last conflict is real: /aaaaab/aaaaaaac is matched by the other and below a match of hostile.
        Assert.Equal([false, false, true, false, true, true, true, false], results);
    }
}
