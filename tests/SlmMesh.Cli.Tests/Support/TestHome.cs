namespace SlmMesh.Cli.Tests.Support;

/// <summary>A fresh mesh home in a short temp folder (Unix socket paths are limited to ~104 bytes), deleted at the end.</summary>
public sealed class TestHome : IDisposable
{
    public TestHome()
    {
        Directory = Path.Combine(Path.GetTempPath(), "slm-c-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public MeshHome Home => MeshHome.Resolve(Directory);

    public MeshBrokerOptions BrokerOptions() => new()
    {
        Home = Directory,
        IdleShutdown = Timeout.InfiniteTimeSpan,
        AwayGrace = TimeSpan.FromSeconds(30),
        TickInterval = TimeSpan.FromMilliseconds(50),
    };

    public MeshClientOptions ClientOptions(string name, string? cwd = null) => new()
    {
        Home = Directory,
        Name = name,
        AgentType = "dotnet",
        Cwd = cwd ?? Directory,
        AutoStart = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
