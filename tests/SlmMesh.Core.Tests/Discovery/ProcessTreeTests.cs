using SlmMesh.Discovery;

namespace SlmMesh.Core.Tests.Discovery;

public sealed class ProcessTreeTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public void The_ancestry_of_this_process_starts_with_itself_and_follows_real_parents()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The process tree is only testable on Linux here.");

        IReadOnlyList<ProcessEntry> ancestry = ProcessTree.GetAncestry(Environment.ProcessId);

        Assert.True(ancestry.Count >= 2, $"only {ancestry.Count} entries");
        Assert.Equal(Environment.ProcessId, ancestry[0].ProcessId);
        Assert.Equal(Ps("ppid", Environment.ProcessId), ancestry[1].ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Ps("comm", Environment.ProcessId), ancestry[0].Name);
        Assert.False(string.IsNullOrEmpty(ancestry[0].CommandLine));
        for (int i = 0; i + 1 < ancestry.Count; i++)
        {
            Assert.Equal(ancestry[i + 1].ProcessId, ancestry[i].ParentProcessId);
        }

        ProcessEntry top = ancestry[^1];
        Assert.True(top.ProcessId == 1 || top.ParentProcessId == 0, $"stopped early at {top}");
    }

    [Fact]
    public void A_child_process_is_read_with_its_name_command_line_and_parent()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Needs /bin/sleep and /proc.");
        using var child = ChildProcess.Start("/bin/sleep", "30");

        IReadOnlyList<ProcessEntry> ancestry = ProcessTree.GetAncestry(child.Id, maxDepth: 2);

        Assert.Equal(2, ancestry.Count);
        Assert.Equal(new ProcessEntry(child.Id, Environment.ProcessId, "sleep", "/bin/sleep 30"), ancestry[0]);
        Assert.Equal(Environment.ProcessId, ancestry[1].ProcessId);
    }

    [Fact]
    public void A_name_with_spaces_and_parentheses_is_read_whole()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Needs /bin/sleep and /proc.");
        using var folder = new TempFolder();
        string program = Path.Combine(folder.Path, "a b) (c");
        File.Copy("/bin/sleep", program);
        using var child = ChildProcess.Start(program, "30");

        ProcessEntry entry = ProcessTree.GetAncestry(child.Id, maxDepth: 1).Single();

        Assert.Equal("a b) (c", entry.Name);
        Assert.Equal(Environment.ProcessId, entry.ParentProcessId);
        Assert.Equal($"{program} 30", entry.CommandLine);
    }

    [Fact]
    public void A_child_is_alive_until_killed()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Needs /bin/sleep and /proc.");
        using var child = ChildProcess.Start("/bin/sleep", "30");

        Assert.True(ProcessTree.IsAlive(child.Id));
        child.KillAndWait();
        Assert.False(ProcessTree.IsAlive(child.Id));
    }

    [Fact]
    public async Task A_zombie_is_not_alive()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Needs /bin/sh and /proc.");

        // The shell becomes `sleep 30`, which never reaps its background child: that child stays a zombie.
        using var parent = ChildProcess.Start("/bin/sh", "-c", "sleep 0 & echo $!; exec sleep 30");
        string? line = await parent.Process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(WaitLimit, TestContext.Current.CancellationToken);
        int zombie = int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(SpinWait.SpinUntil(() => StateOf(zombie) == 'Z', WaitLimit), $"pid {zombie} never became a zombie");
        Assert.True(Directory.Exists($"/proc/{zombie}"));
        Assert.False(ProcessTree.IsAlive(zombie));
    }

    [Fact]
    public void IsAncestor_follows_the_tree_upwards_only()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Needs /bin/sleep and /proc.");
        using var child = ChildProcess.Start("/bin/sleep", "30");
        int self = Environment.ProcessId;
        int parent = ProcessTree.GetAncestry(self)[1].ProcessId;

        Assert.True(ProcessTree.IsAncestor(self, child.Id));
        Assert.True(ProcessTree.IsAncestor(parent, child.Id));
        Assert.True(ProcessTree.IsAncestor(self, self));
        Assert.False(ProcessTree.IsAncestor(child.Id, self));
        Assert.False(ProcessTree.IsAncestor(0, self));
        Assert.False(ProcessTree.IsAncestor(self, 0));
    }

    [Fact]
    public void Unknown_ids_give_nothing_and_never_throw()
    {
        Assert.False(ProcessTree.IsAlive(0));
        Assert.False(ProcessTree.IsAlive(-5));
        Assert.Empty(ProcessTree.GetAncestry(0));
        Assert.Empty(ProcessTree.GetAncestry(-1));
        Assert.Empty(ProcessTree.GetAncestry(int.MaxValue));
        Assert.False(ProcessTree.IsAlive(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessTree.GetAncestry(Environment.ProcessId, maxDepth: 0));
    }

    [Fact]
    public void This_process_is_alive()
    {
        Assert.SkipWhen(!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsWindows(), "Unsupported platform.");
        Assert.True(ProcessTree.IsAlive(Environment.ProcessId));
        Assert.Equal(Environment.ProcessId, ProcessTree.GetAncestry(Environment.ProcessId, maxDepth: 1).Single().ProcessId);
    }

    private static string Ps(string field, int pid)
    {
        using var ps = ChildProcess.Start("ps", "-o", $"{field}=", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string output = ps.Process.StandardOutput.ReadToEnd();
        Assert.True(ps.Process.WaitForExit(WaitLimit));
        return output.Trim();
    }

    private static char StateOf(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0];
        }
        catch (IOException)
        {
            return '?';
        }
    }
}
