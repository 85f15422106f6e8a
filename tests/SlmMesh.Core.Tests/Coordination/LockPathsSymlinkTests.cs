using SlmMesh.Coordination;

namespace SlmMesh.Core.Tests.Coordination;

/// <summary>Symbolic links on a real file system: one file is one lock however it is reached.</summary>
public sealed class LockPathsSymlinkTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _root;
    private readonly string _real;
    private readonly string _link;

    public LockPathsSymlinkTests()
    {
        _root = LockPaths.Normalize(_temp.Path, null);
        _real = Path.Combine(_root, "real");
        _link = Path.Combine(_root, "link");
        Directory.CreateDirectory(Path.Combine(_real, "src"));
        File.WriteAllText(Path.Combine(_real, "src", "a.cs"), "class A;");
        Directory.CreateSymbolicLink(_link, _real);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_symlinked_folder_resolves_to_its_target()
    {
        Assert.Equal(_real, LockPaths.Normalize(_link, null));
        Assert.Equal(_real + "/src/a.cs", LockPaths.Normalize(_link + "/src/a.cs", null));
        Assert.True(LockPaths.Conflicts(LockPaths.Normalize(_link + "/src/a.cs", null), LockPaths.Normalize(_real + "/src/a.cs", null)));
    }

    [Fact]
    public void A_file_not_created_yet_resolves_through_its_nearest_existing_folder()
    {
        Assert.Equal(_real + "/src/new.cs", LockPaths.Normalize(_link + "/src/new.cs", null));
        Assert.Equal(_real + "/src/new/deeper/b.cs", LockPaths.Normalize("link/src/new/deeper/b.cs", _root));
    }

    [Fact]
    public void A_relative_path_from_a_symlinked_cwd_resolves_too()
    {
        Assert.Equal(_real + "/src/a.cs", LockPaths.Normalize("src/a.cs", _link));
    }

    [Fact]
    public void A_glob_resolves_its_literal_prefix_only()
    {
        Assert.Equal(_real + "/src/**/*.cs", LockPaths.Normalize(_link + "/src/**/*.cs", null));
        Assert.Equal(_real + "/*/a.cs", LockPaths.Normalize("link/*/a.cs", _root));
        Assert.True(LockPaths.Conflicts(LockPaths.Normalize("link/src/*.cs", _root), LockPaths.Normalize(_real + "/src/a.cs", null)));
    }

    [Fact]
    public void A_file_link_resolves_to_the_file()
    {
        string fileLink = Path.Combine(_root, "a-link.cs");
        File.CreateSymbolicLink(fileLink, Path.Combine(_real, "src", "a.cs"));
        Assert.Equal(_real + "/src/a.cs", LockPaths.Normalize(fileLink, null));
    }

    [Fact]
    public void Relative_link_targets_and_chains_resolve()
    {
        // chain -> link (relative) -> real (absolute)
        string chain = Path.Combine(_root, "chain");
        Directory.CreateSymbolicLink(chain, "link");
        Assert.Equal(_real + "/src/a.cs", LockPaths.Normalize(chain + "/src/a.cs", null));
    }

    [Fact]
    public void Dot_dot_after_a_link_goes_to_the_parent_of_the_target()
    {
        // link/src/inner -> real/src; the kernel reads inner/.. as real, not as link/src.
        string other = Path.Combine(_root, "other");
        Directory.CreateDirectory(Path.Combine(other, "nested"));
        Directory.CreateSymbolicLink(Path.Combine(_real, "src", "inner"), Path.Combine(other, "nested"));
        Assert.Equal(other + "/x.cs", LockPaths.Normalize(_real + "/src/inner/../x.cs", null));
    }

    [Fact]
    public void A_dangling_link_resolves_to_where_it_points()
    {
        string dangling = Path.Combine(_root, "dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(_real, "later.cs"));
        Assert.Equal(_real + "/later.cs", LockPaths.Normalize(dangling, null));
    }

    [Fact]
    public void A_link_loop_is_refused()
    {
        string loop = Path.Combine(_root, "loop");
        File.CreateSymbolicLink(loop, "loop");
        var ex = Assert.Throws<MeshException>(() => LockPaths.Normalize(loop + "/a.cs", null));
        Assert.Equal(MeshErrorCode.InvalidArgument, ex.Code);
    }
}
