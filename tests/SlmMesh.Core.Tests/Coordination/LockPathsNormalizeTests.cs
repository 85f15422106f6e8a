using SlmMesh.Coordination;

namespace SlmMesh.Core.Tests.Coordination;

public sealed class LockPathsNormalizeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    // The temp folder in canonical form (the temp folder itself may sit behind a link, as on macOS).
    private readonly string _root;

    public LockPathsNormalizeTests()
    {
        _root = LockPaths.Normalize(_temp.Path, null);
        Directory.CreateDirectory(Path.Combine(_root, "src", "auth"));
    }

    public void Dispose() => _temp.Dispose();

    // Inputs use {root} for the temp folder; expectations are relative to it ("" is the folder itself).
    public static TheoryData<string, string, string> Cases => new()
    {
        { "relative file", "src/a.cs", "/src/a.cs" },
        { "relative folder", "src", "/src" },
        { "dot", ".", "" },
        { "dot segments", "./src/./a.cs", "/src/a.cs" },
        { "dot dot", "src/auth/../a.cs", "/src/a.cs" },
        { "dot dot in a missing folder", "src/new/../a.cs", "/src/a.cs" },
        { "double separators", "src//auth///a.cs", "/src/auth/a.cs" },
        { "trailing separator", "src/auth/", "/src/auth" },
        { "absolute", "{root}/src/a.cs", "/src/a.cs" },
        { "absolute with dot dot", "{root}/src/../src/auth/x", "/src/auth/x" },
        { "tilde is a name", "~/a.cs", "/~/a.cs" },
        { "case is kept", "SRC/A.cs", "/SRC/A.cs" },
        { "spaces are kept", "my file.cs", "/my file.cs" },
        { "relative glob", "*.sql", "/*.sql" },
        { "glob with dots before the wildcard", "src/../src/**/./*.cs", "/src/**/*.cs" },
        { "glob with trailing separator", "src/auth/**/", "/src/auth/**" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Normalize_makes_one_canonical_absolute_form(string because, string input, string expected)
    {
        string path = input.Replace("{root}", _root, StringComparison.Ordinal);
        Assert.True(_root + expected == LockPaths.Normalize(path, _root), because);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("/.", "/")]
    [InlineData("/..", "/")]
    [InlineData("/../..", "/")]
    public void The_root_stays_the_root(string input, string expected)
    {
        Assert.Equal(expected, LockPaths.Normalize(input, null));
    }

    [Fact]
    public void Dot_dot_never_climbs_above_the_root()
    {
        Assert.Equal(_root + "/x", LockPaths.Normalize(string.Concat(Enumerable.Repeat("../", 200)) + _root[1..] + "/x", _root));
    }

    [Fact]
    public void The_cwd_itself_may_be_unnormalised()
    {
        Assert.Equal(_root + "/src/a.cs", LockPaths.Normalize("a.cs", _root + "//src/auth/..//"));
    }

    [Theory]
    [InlineData("", "/x")]
    [InlineData("   ", "/x")]
    [InlineData("\t\n", "/x")]
    [InlineData("a\0b", "/x")]
    [InlineData("/a\0b", null)]
    [InlineData("a.cs", null)]
    [InlineData("a.cs", "")]
    [InlineData("a.cs", "relative/cwd")]
    [InlineData("a.cs", "~/cwd")]
    [InlineData("/src/[ab", null)]
    [InlineData("/src/*/../a.cs", null)]
    [InlineData("/src/**/..", null)]
    public void Normalize_refuses_what_cannot_be_a_lock(string path, string? cwd)
    {
        var ex = Assert.Throws<MeshException>(() => LockPaths.Normalize(path, cwd));
        Assert.Equal(MeshErrorCode.InvalidArgument, ex.Code);
        Assert.DoesNotContain('\0', ex.Message);
    }

    [Fact]
    public void Normalize_refuses_a_path_longer_than_path_max()
    {
        string tooLong = "/" + string.Join('/', Enumerable.Repeat(new string('x', 99), 42));
        var ex = Assert.Throws<MeshException>(() => LockPaths.Normalize(tooLong, null));
        Assert.Equal(MeshErrorCode.InvalidArgument, ex.Code);
    }

    [Theory]
    [InlineData("/a/*.cs", true)]
    [InlineData("/a/?.cs", true)]
    [InlineData("/a/[ab].cs", true)]
    [InlineData("/a/**", true)]
    [InlineData("/a/b.cs", false)]
    [InlineData("/a/{b,c}.cs", false)]
    public void IsGlob_looks_for_wildcards(string path, bool expected)
    {
        Assert.Equal(expected, LockPaths.IsGlob(path));
    }
}
