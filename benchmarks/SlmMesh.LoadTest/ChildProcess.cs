using System.Diagnostics;
using System.Reflection;

namespace SlmMesh.LoadTest;

/// <summary>
/// A process this tool starts (the broker, extra client processes). When it is this tool, its stdin stays
/// open as a lifeline: the child stops when it closes, so a runner that dies takes its children with it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan GracefulExit = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly bool _lifeline;

    private ChildProcess(Process process, bool lifeline)
    {
        _process = process;
        _lifeline = lifeline;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public StreamReader Output => _process.StandardOutput;

    /// <summary>Starts this tool again with <paramref name="arguments"/> (or <paramref name="program"/> when given).</summary>
    /// <param name="arguments">The arguments.</param>
    /// <param name="home">The mesh home (its folder is also the working directory).</param>
    /// <param name="program">Another program to run instead of this tool.</param>
    /// <param name="environment">Variables to set in the child, besides the home.</param>
    public static ChildProcess Start(IEnumerable<string> arguments, string home, string? program = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        string? assembly = null;
        var info = new ProcessStartInfo(program ?? Self(out assembly))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = home,
        };
        if (program is null && assembly is not null)
        {
            info.ArgumentList.Add(assembly);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[MeshHome.HomeVariable] = home;
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        Process process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        return new ChildProcess(process, lifeline: program is null);
    }

    /// <summary>
    /// Closes the lifeline and waits for a clean exit; kills the process (and its children) if it does not come
    /// in time, or at once when it is another program (which does not watch its stdin).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_lifeline && !_process.HasExited)
            {
                _process.StandardInput.Close();
                if (await ExitedWithinAsync(GracefulExit))
                {
                    return;
                }
            }

            Kill();
            if (!await ExitedWithinAsync(GracefulExit))
            {
                Console.Error.WriteLine($"Process {_process.Id} did not exit after SIGKILL.");
            }
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>This program's path, and the dll to pass when it runs through <c>dotnet</c> (none under Native AOT).</summary>
    private static string Self(out string? assembly)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The current program's path is unknown.");
        assembly = string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? Path.Combine(AppContext.BaseDirectory, Assembly.GetEntryAssembly()!.GetName().Name + ".dll")
            : null;
        return self;
    }
}
