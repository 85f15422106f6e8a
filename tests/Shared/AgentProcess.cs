using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SlmMesh.Testing;

/// <summary>
/// A running SlmMesh.TestAgent (broker, agent or hello mode): commands go to its stdin, and every JSON line it
/// prints is kept. Tests synchronise on those lines, each wait with a timeout; nothing sleeps.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly List<JsonElement> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdout;
    private readonly Task _stderrPump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ended;

    private AgentProcess(Process process, string label)
    {
        _process = process;
        Label = label;
        _stdout = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>The TestAgent next to the test assembly (a project reference copies it there).</summary>
    public static string AgentDll => Path.Combine(AppContext.BaseDirectory, "SlmMesh.TestAgent.dll");

    /// <summary>The dotnet host the SDK runs the tests with, else the one on the PATH.</summary>
    public static string DotnetPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public string Label { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>How many lines have arrived so far: pass it as <c>from</c> to wait only for later lines.</summary>
    public int Mark
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Starts the TestAgent with <paramref name="args"/>, optionally behind a wrapper (e.g. setpriv).</summary>
    public static AgentProcess Start(
        string label,
        IEnumerable<string> args,
        IReadOnlyList<string>? wrapper = null,
        string? dll = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(wrapper is { Count: > 0 } ? wrapper[0] : DotnetPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (wrapper is { Count: > 0 })
        {
            foreach (string part in wrapper.Skip(1))
            {
                start.ArgumentList.Add(part);
            }

            start.ArgumentList.Add(DotnetPath);
        }

        start.ArgumentList.Add(dll ?? AgentDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Our own variables must not steer the child: every setting is on its command line.
        start.Environment.Remove("SLM_MESH_HOME");
        start.Environment.Remove("SLM_MESH_NAME");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the TestAgent.");
        return new AgentProcess(process, label);
    }

    /// <summary>Writes one command line to the agent's stdin.</summary>
    public void Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
    }

    /// <summary>Every line of one kind received so far.</summary>
    public IReadOnlyList<JsonElement> Lines(string kind)
    {
        lock (_lines)
        {
            return [.. _lines.Where(l => Kind(l) == kind)];
        }
    }

    /// <summary>Waits for the first line of <paramref name="kind"/> at or after index <paramref name="from"/> that matches.</summary>
    public async Task<JsonElement> WaitForAsync(string kind, Func<JsonElement, bool>? where = null, int from = 0, TimeSpan? timeout = null) =>
        (await FindAsync(kind, where, from, timeout)).Line;

    private async Task<(JsonElement Line, int Index)> FindAsync(string kind, Func<JsonElement, bool>? where, int from, TimeSpan? timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? DefaultWait);
        int next = from;
        while (true)
        {
            Task changed;
            lock (_lines)
            {
                for (; next < _lines.Count; next++)
                {
                    if (Kind(_lines[next]) == kind && (where is null || where(_lines[next])))
                    {
                        return (_lines[next], next);
                    }
                }

                if (_ended)
                {
                    throw new InvalidOperationException($"{Label} ended (exit {ExitCodeOrNone()}) before printing '{kind}'.\n{Transcript()}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Label} printed no '{kind}' line within {(timeout ?? DefaultWait).TotalSeconds:0.#} s.\n{Transcript()}");
            }
        }
    }

    /// <summary>Waits until lines of <paramref name="kind"/> have carried every one of <paramref name="values"/> in <paramref name="field"/>.</summary>
    public async Task WaitForValuesAsync(string kind, string field, IReadOnlySet<string> values, TimeSpan? timeout = null)
    {
        var missing = new HashSet<string>(values, StringComparer.Ordinal);
        int from = 0;
        while (missing.Count > 0)
        {
            JsonElement line;
            try
            {
                (line, from) = await FindAsync(kind, l => missing.Contains(l.GetProperty(field).GetString() ?? string.Empty), from, timeout);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{missing.Count} of {values.Count} values never came, e.g. {missing.First()}.", ex);
            }

            missing.Remove(line.GetProperty(field).GetString()!);
            from++;
        }
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Label} did not exit within {timeout.TotalSeconds:0.#} s.\n{Transcript()}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL, and wait until the kernel has reaped it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The last lines and stderr, for failure messages.</summary>
    public string Transcript()
    {
        lock (_lines)
        {
            IEnumerable<string> last = _lines.Skip(Math.Max(0, _lines.Count - 15)).Select(l => l.GetRawText());
            return $"--- {Label} (pid {_process.Id}), last lines:\n{string.Join('\n', last)}\n--- stderr:\n{_stderr}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                // Stdin closing makes an agent quit cleanly; a broker ignores it, so it is killed after a short grace.
                _process.StandardInput.Close();
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3));
            }
            catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
            {
                await KillAsync();
            }
        }

        await Task.WhenAll(_stdout, _stderrPump).WaitAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private static string Kind(JsonElement line) =>
        line.ValueKind == JsonValueKind.Object && line.TryGetProperty("event", out JsonElement kind) ? kind.GetString() ?? string.Empty : string.Empty;

    private string ExitCodeOrNone() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none yet";

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                JsonElement parsed;
                try
                {
                    using var document = JsonDocument.Parse(line);
                    parsed = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    parsed = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["event"] = "raw", ["text"] = line });
                }

                Publish(parsed);
            }
        }
        finally
        {
            lock (_lines)
            {
                _ended = true;
            }

            Publish(null);
        }
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _stderr.AppendLine(line);
            }
        }
    }

    private void Publish(JsonElement? line)
    {
        TaskCompletionSource changed;
        lock (_lines)
        {
            if (line is { } value)
            {
                _lines.Add(value);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
