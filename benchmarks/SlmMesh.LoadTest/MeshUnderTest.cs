using System.Globalization;

namespace SlmMesh.LoadTest;

/// <summary>
/// A real broker in its own process serving a temporary home, and the clients connected to it from here.
/// Disposing closes every client, stops the broker (killing it if it lingers) and deletes the home.
/// </summary>
internal sealed class MeshUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan BrokerStartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ClientProcessReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    // What ProcessBrokerLauncher gives the broker the hosts start, so the figures are those users get; a value
    // already in this tool's environment wins (to compare budgets).
    private static readonly Dictionary<string, string> BrokerEnvironment = new(StringComparer.Ordinal)
    {
        ["DOTNET_GCgen0size"] = Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "200000",
    };

    private readonly List<MeshClient> _clients = [];
    private readonly List<ChildProcess> _clientProcesses = [];
    private readonly ChildProcess _broker;
    private MeshClient? _anchor;
    private int _nextName;

    private MeshUnderTest(string home, ChildProcess broker, LoadOptions options)
    {
        Home = home;
        _broker = broker;
        Options = options;
    }

    public string Home { get; }

    public LoadOptions Options { get; }

    /// <summary>The broker's pid, as the broker itself reports it.</summary>
    public int BrokerProcessId { get; private set; }

    /// <summary>A client connected from start to end: the broker never sees an idle mesh.</summary>
    public MeshClient Anchor => _anchor ?? throw new InvalidOperationException("Not started.");

    public string DatabasePath => Path.Combine(Home, "mesh.db");

    public long BrokerRssKiB => Machine.StatusKiB(BrokerProcessId, "VmRSS");

    public long BrokerPeakRssKiB => Machine.StatusKiB(BrokerProcessId, "VmHWM");

    /// <summary>Creates a temporary home, starts the broker process in it, and connects the anchor client.</summary>
    public static async Task<MeshUnderTest> StartAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        // Short (/tmp/slm-load-XXXXXX) so the socket path stays far below the platform limit; created 0700.
        DirectoryInfo folder = Directory.CreateTempSubdirectory("slm-load-");
        ChildProcess broker = ChildProcess.Start(options.BrokerExe is null ? ["broker", "--home", folder.FullName] : ["broker"], folder.FullName, options.BrokerExe, BrokerEnvironment);
        var mesh = new MeshUnderTest(folder.FullName, broker, options);
        try
        {
            await mesh.WaitForBrokerAsync(cancellationToken);
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects one more peer from this process.</summary>
    public Task<MeshClient> ConnectAsync(string? name = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(ClientOptions(Home, name ?? "load-" + Interlocked.Increment(ref _nextName).ToString(CultureInfo.InvariantCulture)), cancellationToken);

    /// <summary>Connects one more peer from this process with the given options (start from <see cref="ClientOptions"/>).</summary>
    public async Task<MeshClient> ConnectAsync(MeshClientOptions options, CancellationToken cancellationToken)
    {
        MeshClient client = await MeshClient.ConnectAsync(options, cancellationToken);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Connects <paramref name="count"/> peers, <paramref name="parallel"/> at a time.</summary>
    public async Task<MeshClient[]> ConnectManyAsync(int count, string prefix, int parallel, CancellationToken cancellationToken)
    {
        var clients = new MeshClient[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (i, ct) =>
            clients[i] = await ConnectAsync(prefix + i.ToString(CultureInfo.InvariantCulture), ct));
        return clients;
    }

    /// <summary>Starts a client process holding <paramref name="count"/> idle peers; returns once they are all registered.</summary>
    public async Task StartClientProcessAsync(int count, string prefix, CancellationToken cancellationToken)
    {
        ChildProcess process = ChildProcess.Start(
            ["peers", "--home", Home, "--count", count.ToString(CultureInfo.InvariantCulture), "--prefix", prefix],
            Home);
        _clientProcesses.Add(process);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ClientProcessReadyTimeout);
        string? line = await process.Output.ReadLineAsync(timeout.Token);
        if (line != PeersRole.Ready)
        {
            throw new InvalidOperationException($"The client process {process.Id} failed to connect its peers: {line ?? "(no output)"}");
        }
    }

    /// <summary>Closes the given clients (they leave the mesh) and forgets them.</summary>
    public async Task CloseAsync(IReadOnlyCollection<MeshClient> clients)
    {
        lock (_clients)
        {
            _clients.RemoveAll(clients.Contains);
        }

        await CloseAllAsync(clients);
    }

    public async ValueTask DisposeAsync()
    {
        MeshClient[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
            _clients.Clear();
        }

        await CloseAllAsync(clients);
        foreach (ChildProcess process in _clientProcesses)
        {
            await process.DisposeAsync();
        }

        if (_anchor is not null)
        {
            await CloseAllAsync([_anchor]);
        }

        await _broker.DisposeAsync();
        try
        {
            // The broker process deletes it too when it stops; whichever comes second finds it gone.
            if (Directory.Exists(Home))
            {
                Directory.Delete(Home, recursive: true);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {Home}: {ex.Message}");
        }
    }

    public static MeshClientOptions ClientOptions(string home, string name) => new()
    {
        Home = home,
        Name = name,

        // Given, so that no client walks the process tree to detect its agent.
        AgentType = "dotnet",
        AgentProcessId = Environment.ProcessId,
        Cwd = home,

        // The broker is ours: a client must never start another one, nor hide a broker failure by reconnecting.
        AutoStart = false,
        Reconnect = false,
        RequestTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    private static async Task CloseAllAsync(IReadOnlyCollection<MeshClient> clients)
    {
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = timeout.Token }, (c, _) => c.DisposeAsync());
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Closing {clients.Count} clients took longer than {CloseTimeout.TotalSeconds:0} s; stopping the broker anyway.");
        }
    }

    private async Task WaitForBrokerAsync(CancellationToken cancellationToken)
    {
        long deadline = Environment.TickCount64 + (long)BrokerStartTimeout.TotalMilliseconds;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_broker.HasExited)
            {
                throw new InvalidOperationException($"The broker process exited at start; see {Path.Combine(Home, "broker.log")}:{Environment.NewLine}{LogTail()}");
            }

            try
            {
                _anchor = await MeshClient.ConnectAsync(ClientOptions(Home, "anchor"), cancellationToken);
                BrokerProcessId = (await _anchor.GetStatusAsync(cancellationToken)).ProcessId;
                return;
            }
            catch (MeshException ex) when (ex.Code is MeshErrorCode.Unavailable or MeshErrorCode.Timeout or MeshErrorCode.Unauthorized)
            {
                if (Environment.TickCount64 > deadline)
                {
                    throw new TimeoutException($"No broker answered within {BrokerStartTimeout.TotalSeconds:0} s: {ex.Message}{Environment.NewLine}{LogTail()}");
                }
            }

            // Polling for the socket: the broker process has no other way to say it is up.
            await Task.Delay(20, cancellationToken);
        }
    }

    private string LogTail()
    {
        string log = Path.Combine(Home, "broker.log");
        return File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(20)) : "(no broker.log)";
    }
}
