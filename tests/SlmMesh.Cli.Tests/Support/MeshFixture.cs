namespace SlmMesh.Cli.Tests.Support;

/// <summary>A live broker in this process on a fresh home, agents to populate it, and a CLI runner pointed at it.</summary>
public sealed class MeshFixture : IAsyncDisposable
{
    private readonly List<MeshClient> _clients = [];

    private MeshFixture(TestHome home, MeshBroker broker)
    {
        Home = home;
        Broker = broker;
        Project = Path.Combine(home.Directory, "project");
        Directory.CreateDirectory(Project);
    }

    public TestHome Home { get; }

    public MeshBroker Broker { get; }

    /// <summary>A project folder inside the home, where the CLI runs by default.</summary>
    public string Project { get; }

    public static async Task<MeshFixture> StartAsync()
    {
        var home = new TestHome();
        MeshBroker broker = await MeshBroker.StartAsync(home.BrokerOptions(), null, TestContext.Current.CancellationToken);
        return new MeshFixture(home, broker);
    }

    public CliRunner Cli(string? cwd = null, bool terminal = false) => new(Home.Directory, cwd ?? Project) { Terminal = terminal };

    /// <summary>An agent peer; by default its agent process is this test process (so an in-process hook acts for it).</summary>
    public async Task<MeshClient> AgentAsync(string name, Func<MeshClientOptions, MeshClientOptions>? configure = null)
    {
        MeshClientOptions options = Home.ClientOptions(name, Project) with { AgentType = "claude-code", AgentProcessId = Environment.ProcessId };
        MeshClient client = await MeshClient.ConnectAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// An agent peer whose agent process is not this test process (another agent on the machine). The
    /// broker lets a peer name only its own process or an ancestor as its agent, so this uses the test
    /// process's parent: a hook run from this process still finds the nearer agent, this process, first.
    /// </summary>
    public Task<MeshClient> OtherAgentAsync(string name, string agentType = "codex")
    {
        int parent = SlmMesh.Discovery.ProcessTree.GetAncestry(Environment.ProcessId)[1].ProcessId;
        return AgentAsync(name, o => o with { AgentType = agentType, AgentProcessId = parent });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (MeshClient client in _clients)
        {
            await client.DisposeAsync();
        }

        await Broker.DisposeAsync();
        Home.Dispose();
    }
}
