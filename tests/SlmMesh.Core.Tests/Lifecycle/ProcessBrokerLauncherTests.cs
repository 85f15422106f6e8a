using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Lifecycle;

public sealed class ProcessBrokerLauncherTests
{
    [Fact]
    public async Task The_first_start_launches_the_program_in_the_home_folder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses /bin/sh.");
        using var home = new TestHome();
        var launcher = new ProcessBrokerLauncher("/bin/sh", ["-c", "echo \"$SLM_MESH_HOME\" > started"]);

        await launcher.StartAsync(home.Home, TestContext.Current.CancellationToken);

        string marker = Path.Combine(home.Directory, "started");
        await Eventually.TrueAsync(() => File.Exists(marker) && File.ReadAllText(marker).Trim().Length > 0, because: "the launched program wrote its marker");
        Assert.Equal(home.Home.Directory, File.ReadAllText(marker).Trim());
    }

    [Fact]
    public async Task A_second_start_right_after_the_first_launches_nothing()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses /bin/sh.");
        using var home = new TestHome();
        var launcher = new ProcessBrokerLauncher("/bin/sh", ["-c", "echo x >> starts"]);

        await launcher.StartAsync(home.Home, TestContext.Current.CancellationToken);
        await launcher.StartAsync(home.Home, TestContext.Current.CancellationToken);

        string marker = Path.Combine(home.Directory, "starts");
        await Eventually.TrueAsync(() => File.Exists(marker) && File.ReadAllText(marker).Length > 0);
        Assert.Single(File.ReadAllLines(marker));
    }
}
