using SlmMesh.Core.Tests.Support;

namespace SlmMesh.Core.Tests.Lifecycle;

public sealed class ProcessBrokerLauncherTests
{
    [Fact]
    public async Task The_first_start_launches_the_program_when_no_broker_holds_the_home()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses /bin/sh as the stand-in broker.");
        using var home = new TestHome();
        string marker = Path.Combine(home.Directory, "launched");
        var launcher = new ProcessBrokerLauncher("/bin/sh", ["-c", $"echo launched > '{marker}'"]);

        await launcher.StartAsync(home.Home, TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => File.Exists(marker), TimeSpan.FromSeconds(10), "the launcher should have started the program");
    }

    [Fact]
    public async Task Of_many_launchers_finding_no_broker_at_once_only_one_starts_a_process()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses /bin/sh as the stand-in broker.");
        using var home = new TestHome();
        string marker = Path.Combine(home.Directory, "launched");

        // The stand-in never serves: its launcher holds the start until it exits, the others must not start their own.
        ProcessBrokerLauncher[] launchers = [.. Enumerable.Range(0, 8).Select(_ => new ProcessBrokerLauncher("/bin/sh", ["-c", $"echo started >> '{marker}'; sleep 0.5"]))];
        await Task.WhenAll(launchers.Select(l => Task.Run(async () => await l.StartAsync(home.Home, TestContext.Current.CancellationToken))));

        Assert.Single(File.ReadAllLines(marker));
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

    [Fact]
    public async Task The_broker_process_gets_a_small_gen0_budget_and_no_diagnostics_socket_unless_the_caller_chose_otherwise()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses /bin/sh.");
        using var home = new TestHome();
        string marker = Path.Combine(home.Directory, "environment");
        var launcher = new ProcessBrokerLauncher("/bin/sh", ["-c", $"env > '{marker}.tmp' && mv '{marker}.tmp' '{marker}'"]);

        await launcher.StartAsync(home.Home, TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => File.Exists(marker), TimeSpan.FromSeconds(10), "the launcher should have started the program");
        string[] environment = File.ReadAllLines(marker);
        Assert.Contains("DOTNET_GCgen0size=200000", environment);
        Assert.Contains("DOTNET_EnableDiagnostics_IPC=0", environment);
        Assert.Contains($"SLM_MESH_HOME={home.Directory}", environment);
    }
}
