using BenchmarkDotNet.Attributes;

namespace SlmMesh.Benchmarks;

/// <summary>
/// Engine-level operations through the whole stack in one process: a <see cref="MeshBroker"/> hosted here
/// (engine, SQLite, Unix socket) and <see cref="MeshClient"/>s connected to it. Allocations are the
/// process's, so they count the client's and the broker's together. The end-to-end figures, with the
/// broker in its own process, come from <c>benchmarks/SlmMesh.LoadTest</c>.
/// </summary>
[MemoryDiagnoser]
public class MeshRoundTripBenchmarks
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private TempFolder? _folder;
    private MeshBroker? _broker;
    private MeshClient _client = null!;
    private MeshClient _receiver = null!;
    private string _lockPath = string.Empty;
    private string _payload = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = new TempFolder();
        _broker = await MeshBroker.StartAsync(new MeshBrokerOptions { Home = _folder.Path, IdleShutdown = Timeout.InfiniteTimeSpan });
        _client = await MeshClient.ConnectAsync(Options("bench"));
        _receiver = await MeshClient.ConnectAsync(Options("receiver"));
        _lockPath = _folder.File("src/TokenStore.cs");
        _payload = new string('x', 200);
        await _client.SetStateAsync("key", "value", "bench");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _receiver.DisposeAsync();
        await _client.DisposeAsync();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _folder?.Delete();
    }

    [Benchmark]
    public Task Ping() => _client.PingAsync();

    /// <summary>Acquire then release: two durable round trips.</summary>
    [Benchmark]
    public async Task<bool> LockPair()
    {
        await _client.AcquireLockAsync(_lockPath);
        return await _client.ReleaseLockAsync(_lockPath);
    }

    [Benchmark]
    public Task<StateEntry> StateSet() => _client.SetStateAsync("key", "value", "bench");

    [Benchmark]
    public Task<StateEntry?> StateGet() => _client.GetStateAsync("key", "bench");

    /// <summary>Send, and wait until the receiving client takes it (and acknowledges it in the background).</summary>
    [Benchmark]
    public async Task<MeshMessage?> SendReceive()
    {
        Task<MeshMessage?> arrival = _receiver.WaitForMessageAsync(Wait);
        await _client.SendAsync(_receiver.PeerId, _payload);
        return await arrival ?? throw new TimeoutException("The message did not arrive.");
    }

    private MeshClientOptions Options(string name) => new()
    {
        Home = _folder!.Path,
        Name = name,
        AgentType = "dotnet",
        AutoStart = false,
        Cwd = _folder.Path,
    };
}
