using SlmMesh.Cli.Hooks;
using SlmMesh.Cli.Install;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Tests;

public sealed class UnitTests
{
    [Fact]
    public void Patch_paths_come_from_every_file_marker_once_in_order()
    {
        string patch = "*** Begin Patch\n*** Update File: a/b.cs\n@@\n-x\n+y\n*** Move to: a/c.cs\n*** Add File: new.md\n+hi\n*** Delete File: old.md\n*** Update File: a/b.cs\n*** End Patch";

        Assert.Equal(["a/b.cs", "a/c.cs", "new.md", "old.md"], PatchPaths.Parse(patch));
        Assert.Empty(PatchPaths.Parse("+*** Update File: not-a-marker-inside-a-hunk-line"));
    }

    [Fact]
    public void Hook_input_resolves_paths_against_its_cwd_and_only_for_file_tools()
    {
        HookInput? write = HookInput.Parse("""{"hook_event_name":"PreToolUse","cwd":"/repo","tool_name":"Edit","tool_input":{"file_path":"src/../a.cs"}}""", "/elsewhere");
        HookInput? bash = HookInput.Parse("""{"hook_event_name":"PreToolUse","cwd":"/repo","tool_name":"Bash","tool_input":{"command":"*** Update File: a.cs"}}""", "/elsewhere");
        HookInput? noCwd = HookInput.Parse("""{"tool_name":"apply_patch","tool_input":"*** Add File: x.md\n+1"}""", "/fallback");

        Assert.Equal(["/repo/a.cs"], write!.FilePaths);
        Assert.True(write.IsFileEdit);
        Assert.Empty(bash!.FilePaths);
        Assert.False(bash.IsFileEdit);
        Assert.Equal(["/fallback/x.md"], noCwd!.FilePaths);
        Assert.Null(HookInput.Parse("nope", "/"));
    }

    [Fact]
    public void The_cli_identity_is_stable_per_user_and_folder_or_name()
    {
        CliIdentity a = CliIdentity.For("/repo/app", null, "ann");
        CliIdentity again = CliIdentity.For("/repo/app/", null, "ann");
        CliIdentity otherUser = CliIdentity.For("/repo/app", null, "bob");
        CliIdentity named = CliIdentity.For("/repo/app", "reviewer", "ann");
        CliIdentity namedElsewhere = CliIdentity.For("/tmp", "reviewer", "ann");

        Assert.Equal(a, again);
        Assert.Equal("cli@app", a.Name);
        Assert.Matches("^cli-[0-9a-f]{12}$", a.PeerId);
        Assert.NotEqual(a.PeerId, otherUser.PeerId);
        Assert.Equal("reviewer", named.Name);
        Assert.Equal(named.PeerId, namedElsewhere.PeerId);
        Assert.NotEqual(a.PeerId, named.PeerId);
        Assert.Equal("cli@root", CliIdentity.For("/", null, "ann").Name);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1s")]
    [InlineData(59_001, "1m")]
    [InlineData(492_000, "8m 12s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(3_900_000, "1h 5m")]
    public void Durations_read_like_a_person_writes_them(long milliseconds, string text) => Assert.Equal(text, Formats.Duration(milliseconds));

    [Fact]
    public void A_diff_of_an_unchanged_file_has_no_hunk_and_a_new_file_is_all_additions()
    {
        Assert.Equal("--- f\n+++ f\n", LineDiff.Unified("f", "a\nb\n", "a\nb\n"));
        Assert.Equal("--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n", LineDiff.Unified("f", null, "a\nb\n"));
        Assert.Equal("--- f\n+++ f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n", LineDiff.Unified("f", "a\nb\nc\n", "a\nB\nc\n"));
    }

    [Fact]
    public void Shell_quoting_leaves_plain_paths_alone()
    {
        Assert.Equal("/usr/local/bin/slm-mesh", CommandLocator.Shell("/usr/local/bin/slm-mesh"));
        Assert.Equal("'/Users/ann/My Tools/slm-mesh'", CommandLocator.Shell("/Users/ann/My Tools/slm-mesh"));
        Assert.Equal("'/it'\\''s/slm-mesh'", CommandLocator.Shell("/it's/slm-mesh"));
    }
}
