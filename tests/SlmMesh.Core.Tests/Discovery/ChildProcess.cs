using System.Diagnostics;

namespace SlmMesh.Core.Tests.Discovery;

/// <summary>A real child process that is killed and reaped on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private ChildProcess(Process process) => Process = process;

    public Process Process { get; }

    public int Id => Process.Id;

    public static ChildProcess Start(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start."));
    }

    /// <summary>Kills the process and waits until it has been reaped.</summary>
    public void KillAndWait()
    {
        Process.Kill(entireProcessTree: true);
        Assert.True(Process.WaitForExit(ExitTimeout), $"pid {Id} did not exit within {ExitTimeout}.");
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            KillAndWait();
        }

        Process.Dispose();
    }
}
