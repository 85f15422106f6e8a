using SlmMesh.Coordination;

namespace SlmMesh.Core.Tests.Coordination;

public sealed class LockPathsConflictTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        // Plain paths: a lock covers its path and everything below it.
        { "/a/b", "/a/b", true },
        { "/a", "/a/b/c.cs", true },
        { "/a/b", "/a/bc", false },
        { "/a/b", "/a/b.cs", false },
        { "/a/b/c", "/a/b/d", false },
        { "/", "/x/y", true },
        { "/A/b", "/a/b", false },

        // Glob against path.
        { "/a/*.cs", "/a/x.cs", true },
        { "/a/*.cs", "/a/x.txt", false },
        { "/a/*.cs", "/a", true },
        { "/a/*.cs", "/a/sub/x.cs", false },
        { "/a/*", "/a/b/c", true },
        { "/a/b*", "/a/bc", true },
        { "/a/b*", "/a/c", false },
        { "/a/[bc]", "/a/c/x", true },
        { "/a/[!bc]", "/a/c", false },
        { "/src/auth/**", "/src/auth", true },
        { "/src/auth/**", "/src/auth/login.cs", true },
        { "/src/auth/**", "/src", true },
        { "/src/auth/**", "/src/authz/x", false },
        { "/src/**/test", "/src/a/b/test/x.cs", true },
        { "/src/**/*.sql", "/src", true },
        { "/src/**/*.sql", "/lib/x.sql", false },
        { "/**", "/anything", true },

        // Glob against glob.
        { "/src/*.cs", "/src/a*", true },
        { "/src/*.cs", "/src/*.sql", false },
        { "/src/**", "/lib/**", false },
        { "/src/**", "/src/auth/*.cs", true },
        { "/src/**/x", "/src/a/**", true },
        { "/a/*/c", "/a/b/*", true },
        { "/a/?", "/a/bb*", false },
        { "/a/?/**", "/a/b*", true },
        { "/a/[a-m]*", "/a/[n-z]*", false },
        // Everything below a match is covered too, so a folder named x.cs makes these meet.
        { "/src/*.cs", "/src/**/*.sql", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conflicts_is_symmetric_and_exact(string a, string b, bool expected)
    {
        Assert.Equal(expected, LockPaths.Conflicts(a, b));
        Assert.Equal(expected, LockPaths.Conflicts(b, a));
    }

    [Fact]
    public void Relative_globs_are_normalised_against_the_cwd_first()
    {
        using var temp = new TempFolder();
        string cwd = LockPaths.Normalize(temp.Path, null);
        string sql = LockPaths.Normalize("*.sql", cwd);

        Assert.True(LockPaths.Conflicts(sql, LockPaths.Normalize("schema.sql", cwd)));
        Assert.True(LockPaths.Conflicts(sql, LockPaths.Normalize(cwd + "/../" + Path.GetFileName(cwd) + "/x.sql", "/")));
        Assert.False(LockPaths.Conflicts(sql, LockPaths.Normalize("db/schema.sql", cwd)));
        Assert.False(LockPaths.Conflicts(sql, LockPaths.Normalize("schema.sql", cwd + "/elsewhere")));
        Assert.True(LockPaths.Conflicts(LockPaths.Normalize("src/auth/**", cwd), LockPaths.Normalize("src/auth", cwd)));
    }
}
