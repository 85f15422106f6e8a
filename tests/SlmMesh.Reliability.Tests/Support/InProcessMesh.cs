namespace SlmMesh.Reliability.Tests.Support;

/// <summary>A broker hosted in the test process on a fresh short home, and clients connected to it.</summary>
public sealed class InProcessMesh : IAsyncDisposable
{
    private readonly List<MeshClient> _clients = [];

    private readonly bool _ownsDirectory;

    private InProcessMesh(string directory, bool ownsDirectory, MeshBrokerOptions options, MeshBroker broker)
    {
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        Options = options;
        Broker = broker;
    }

    public string Directory { get; }

    public MeshHome Home => Broker.Home;

    public MeshBrokerOptions Options { get; }

    public MeshBroker Broker { get; private set; }

    /// <summary>Starts a broker on <paramref name="directory"/> (kept at the end), or on a new folder (deleted at the end).</summary>
    public static async Task<InProcessMesh> StartAsync(
        Func<MeshBrokerOptions, MeshBrokerOptions>? configure = null,
        string? directory = null,
        Microsoft.Extensions.Logging.ILoggerFactory? brokerLog = null)
    {
        bool owns = directory is null;
        directory ??= NewDirectory();
        var options = new MeshBrokerOptions
        {
            Home = directory,
            IdleShutdown = Timeout.InfiniteTimeSpan,
            AwayGrace = TimeSpan.FromSeconds(30),
            TickInterval = TimeSpan.FromMilliseconds(50),
        };
        options = configure?.Invoke(options) ?? options;
        MeshBroker broker = await MeshBroker.StartAsync(options, brokerLog, TestContext.Current.CancellationToken);
        return new InProcessMesh(directory, owns, options, broker);
    }

    /// <summary>A new short folder (Unix socket paths are limited to about 104 bytes), created 0700.</summary>
    public static string NewDirectory(string prefix = "slm-r-")
    {
        string directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    public MeshClientOptions ClientOptions(string name) => new()
    {
        Home = Directory,
        Name = name,
        AgentType = "dotnet",
        Cwd = Directory,
        AutoStart = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    public async Task<MeshClient> ConnectAsync(string name, Func<MeshClientOptions, MeshClientOptions>? configure = null)
    {
        MeshClientOptions options = ClientOptions(name);
        MeshClient client = await MeshClient.ConnectAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Stops the broker and starts a new one on the same home (the database carries over).</summary>
    public async Task RestartAsync()
    {
        await Broker.DisposeAsync();
        Broker = await MeshBroker.StartAsync(Options, null, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        List<MeshClient> clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        await Broker.DisposeAsync();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
