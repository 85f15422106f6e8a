using System.ComponentModel;
using System.Diagnostics;
using SlmMesh.Discovery;

namespace SlmMesh.Core.Tests.Discovery;

public sealed class GitInfoReaderTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void A_normal_repository_gives_its_root_and_branch_from_a_nested_folder()
    {
        using var temp = new TempFolder();
        temp.File("repo/.git/HEAD", "ref: refs/heads/feature/login\n");
        string nested = temp.Folder("repo/src/deep/er");

        Assert.Equal(new GitInfo(Root(temp, "repo"), "feature/login"), GitInfoReader.Read(nested));
    }

    [Fact]
    public void A_linked_worktree_follows_a_relative_gitdir_file()
    {
        using var temp = new TempFolder();
        temp.File("main/.git/HEAD", "ref: refs/heads/main\n");
        temp.File("main/.git/worktrees/wt/HEAD", "ref: refs/heads/topic\n");
        temp.File("wt/.git", "gitdir: ../main/.git/worktrees/wt\n");
        string nested = temp.Folder("wt/sub");

        Assert.Equal(new GitInfo(Root(temp, "wt"), "topic"), GitInfoReader.Read(nested));
    }

    [Fact]
    public void A_submodule_follows_an_absolute_gitdir_file()
    {
        using var temp = new TempFolder();
        string modules = temp.Folder("outer/.git/modules/lib");
        temp.File("outer/.git/HEAD", "ref: refs/heads/main\n");
        temp.File("outer/.git/modules/lib/HEAD", Hash + "\n");
        temp.File("outer/lib/.git", $"gitdir: {modules}\r\n");

        Assert.Equal(new GitInfo(Root(temp, "outer/lib"), "0123456789ab"), GitInfoReader.Read(Root(temp, "outer/lib")));
    }

    [Fact]
    public void A_detached_head_gives_its_short_hash()
    {
        using var temp = new TempFolder();
        temp.File("repo/.git/HEAD", Hash.ToUpperInvariant());

        Assert.Equal("0123456789ab", GitInfoReader.Read(Root(temp, "repo"))?.Branch);
    }

    [Fact]
    public void A_folder_outside_any_repository_gives_null()
    {
        using var temp = new TempFolder();

        Assert.Null(GitInfoReader.Read(temp.Folder("plain/folder")));
    }

    [Fact]
    public void A_git_folder_without_head_is_skipped_like_git_does()
    {
        using var temp = new TempFolder();
        temp.File("outer/.git/HEAD", "ref: refs/heads/main\n");
        temp.Folder("outer/inner/.git");

        Assert.Equal(new GitInfo(Root(temp, "outer"), "main"), GitInfoReader.Read(Root(temp, "outer/inner")));
    }

    [Theory]
    [InlineData("not a gitdir line")]
    [InlineData("gitdir: ")]
    [InlineData("gitdir: ../missing/worktree")]
    public void A_broken_git_file_still_marks_the_root_without_a_branch(string content)
    {
        using var temp = new TempFolder();
        temp.File("wt/.git", content);

        Assert.Equal(new GitInfo(Root(temp, "wt"), null), GitInfoReader.Read(Root(temp, "wt")));
    }

    [Theory]
    [InlineData("ref: refs/heads/main", "main")]
    [InlineData("ref:refs/heads/x/y", "x/y")]
    [InlineData("ref: refs/remotes/origin/main", "refs/remotes/origin/main")]
    [InlineData("ref: refs/heads/.invalid", null)]
    [InlineData("ref: ", null)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789ab")]
    [InlineData("0123456789abcdef", null)]
    [InlineData("garbage", null)]
    [InlineData("", null)]
    public void Head_text_is_parsed(string head, string? branch) => Assert.Equal(branch, GitInfoReader.ParseHead(head));

    [Fact]
    public void A_real_git_repository_and_worktree_are_read()
    {
        using var temp = new TempFolder();
        string repo = temp.Folder("repo");
        string worktree = Path.Combine(temp.Path, "wt");
        Assert.SkipUnless(TryGit(temp.Path, "--version"), "git is not on PATH.");

        Git(temp.Path, "-c", "init.defaultBranch=trunk", "init", "-q", repo);
        Git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "init");
        Git(repo, "worktree", "add", "-q", "-b", "side", worktree);

        Assert.Equal(new GitInfo(repo, "trunk"), GitInfoReader.Read(temp.Folder("repo/src")));
        Assert.Equal(new GitInfo(worktree, "side"), GitInfoReader.Read(worktree));

        Git(repo, "checkout", "-q", "--detach");
        Assert.Equal(Git(repo, "rev-parse", "HEAD")[..12], GitInfoReader.Read(repo)?.Branch);
    }

    private static string Root(TempFolder temp, string relative) => Path.Combine(temp.Path, relative);

    private static bool TryGit(string folder, params string[] arguments)
    {
        try
        {
            Git(folder, arguments);
            return true;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private static string Git(string folder, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["GIT_CONFIG_GLOBAL"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process git = Process.Start(info)!;
        Task<string> error = git.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string output = git.StandardOutput.ReadToEnd();
        Assert.True(git.WaitForExit(TimeSpan.FromSeconds(30)), "git hung");
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error.Result}");
        return output.Trim();
    }
}
