using System.Globalization;
using System.Text;

namespace SlmMesh.Testing;

/// <summary>
/// A mesh home in a short temp folder for tests with real processes. It starts brokers and agents from the
/// TestAgent, and on dispose ends every one of them and every process whose command line names this home
/// (brokers the agents launched), then deletes the folder.
/// </summary>
public sealed class ProcessHome : IAsyncDisposable
{
    private readonly List<AgentProcess> _processes = [];

    public ProcessHome(string prefix = "slm-p-")
    {
        Directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(Directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Home = MeshHome.Resolve(Directory);
    }

    public string Directory { get; }

    public MeshHome Home { get; }

    /// <summary>Broker settings every process of this home gets unless a test overrides them.</summary>
    public static readonly string[] FastBroker = ["--tick-ms", "50", "--idle-ms", "30000"];

    /// <summary>Starts a broker process and waits until it answers.</summary>
    public async Task<AgentProcess> StartBrokerAsync(params string[] extra)
    {
        AgentProcess broker = Track(AgentProcess.Start("broker", ["broker", "--home", Directory, "--announce", "--stop-on-eof", .. FastBroker, .. extra]));
        await broker.WaitForAsync("ready");
        return broker;
    }

    /// <summary>Starts an agent process; unless told otherwise it launches brokers as separate processes.</summary>
    public AgentProcess StartAgent(string name, params string[] extra)
    {
        List<string> args = ["agent", "--home", Directory, "--name", name, "--launcher", "process"];
        for (int i = 0; i < FastBroker.Length; i += 2)
        {
            args.AddRange(["--broker-" + FastBroker[i][2..], FastBroker[i + 1]]);
        }

        return Track(AgentProcess.Start(name, [.. args, .. extra]));
    }

    /// <summary>Starts an agent and waits for its <c>connected</c> line.</summary>
    public async Task<AgentProcess> ConnectAgentAsync(string name, params string[] extra)
    {
        AgentProcess agent = StartAgent(name, extra);
        await agent.WaitForAsync("connected");
        return agent;
    }

    public AgentProcess Track(AgentProcess process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>Live broker processes of this home (started by the test or launched by agents).</summary>
    public IReadOnlyList<int> BrokerPids() => ProcessJanitor.Find(Directory, "broker");

    /// <summary>Ends every process of this home (agents first, gracefully), keeping the files.</summary>
    public async Task StopAllAsync()
    {
        List<AgentProcess> processes;
        lock (_processes)
        {
            processes = [.. _processes];
            _processes.Clear();
        }

        // Agents first: a broker stopping under live agents would only make them launch another.
        await Task.WhenAll(processes.Where(p => p.Label != "broker").Select(p => p.DisposeAsync().AsTask()));
        await Task.WhenAll(processes.Where(p => p.Label == "broker").Select(p => p.DisposeAsync().AsTask()));
        await ProcessJanitor.KillAllAsync(Directory);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Finds and ends the processes that name a home on their command line (Linux /proc).</summary>
public static class ProcessJanitor
{
    public static IReadOnlyList<int> Find(string home, string? mode = null)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        foreach (string dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string[] argv = ReadCommandLine(pid);
            int at = Array.IndexOf(argv, "--home");
            if (at >= 0 && at + 1 < argv.Length && argv[at + 1] == home && (mode is null || argv.Contains(mode)) && IsAlive(pid))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    public static async Task KillAllAsync(string home)
    {
        foreach (int pid in Find(home))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        // Not our children: nothing to wait on but /proc. Killed processes vanish within milliseconds.
        long deadline = Environment.TickCount64 + 5000;
        while (Find(home).Count > 0 && Environment.TickCount64 < deadline)
        {
            await Task.Yield();
        }
    }

    /// <summary>Whether the process runs (a zombie does not).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string[] ReadCommandLine(int pid)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
