using System.Diagnostics;

namespace SlmMesh.Cli.Tests.Support;

/// <summary>
/// A live process that is no ancestor of the test: the agent process of "other" agents, so that a hook run by
/// this test process attaches to the test's own agent peer and not to theirs.
/// </summary>
public sealed class SleepingProcess : IDisposable
{
    private readonly Process _process;

    public SleepingProcess()
    {
        _process = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
    }

    public int Id => _process.Id;

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
