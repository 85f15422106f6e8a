namespace SlmMesh.Samples.Demo;

/// <summary>The demo script: three agents discover each other, announce, lock, message, share state and broadcast.</summary>
public static class MeshDemo
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        string home = Path.Combine(Path.GetTempPath(), "slm-demo-" + Guid.NewGuid().ToString("N")[..8]);
        string repo = CreateRepository(home);
        var log = new Transcript(output);
        log.Text("SlmMesh demo: three coding agents on one machine");
        log.Text($"mesh home: {home} (mesh.db, broker.sock)");
        log.Text(string.Empty);
        try
        {
            await using MeshBroker broker = await MeshBroker.StartAsync(
                new MeshBrokerOptions { Home = home, IdleShutdown = Timeout.InfiniteTimeSpan },
                cancellationToken: cancellationToken);
            log.Line("broker", $"started (pid {Environment.ProcessId}), listening on {broker.SocketPath}");

            await using MeshClient claude = await JoinAsync(home, "claude", "claude-code", repo, "Refactoring the auth module", cancellationToken);
            await using MeshClient cursor = await JoinAsync(home, "cursor", "cursor", Path.Combine(repo, "web"), "Building the login page", cancellationToken);
            await using MeshClient codex = await JoinAsync(home, "codex", "codex", repo, "Writing API tests", cancellationToken);
            foreach (MeshClient agent in new[] { claude, cursor, codex })
            {
                log.Line(agent.Self!.Name, $"joined as {agent.Self.AgentType} in {Relative(repo, agent.Self.Cwd)} (branch {agent.Self.GitBranch})");
            }

            await using IAsyncDisposable events = await codex.SubscribeAsync(
                ["file_*", "state_*"],
                (e, _) =>
                {
                    log.Line("events", $"#{e.Id} {e.Type}: {EventText.Describe(e, repo)}");
                    return ValueTask.CompletedTask;
                },
                cancellationToken);

            IReadOnlyList<PeerInfo> peers = await cursor.ListPeersAsync(PeerScopes.Repo, cancellationToken: cancellationToken);
            log.Line("cursor", $"peers in this repo: {string.Join(", ", peers.Select(p => $"{p.Name} ({p.Summary})"))}");

            LockInfo auth = await claude.AcquireLockAsync("src/auth/**", "refactoring auth", cancellationToken: cancellationToken);
            log.Line("claude", $"locked {Relative(repo, auth.Path)} (fencing token {auth.FencingToken})");
            try
            {
                await cursor.AcquireLockAsync("../src/auth/login.cs", "add remember-me", cancellationToken: cancellationToken);
            }
            catch (MeshException refused) when (refused.Code == MeshErrorCode.Locked)
            {
                log.Line("cursor", $"wanted src/auth/login.cs: refused, {refused.Message.Replace(repo + "/", string.Empty, StringComparison.Ordinal)}");
            }

            var question = await cursor.SendAsync("claude", "Can I change login.cs after your refactor?", cancellationToken: cancellationToken);
            log.Line("cursor", "→ claude: Can I change login.cs after your refactor?");
            MeshMessage asked = await claude.WaitForMessageAsync(Patience, cancellationToken: cancellationToken) ?? throw new TimeoutException("claude got no message");
            log.Line("claude", $"← {asked.FromName}: {asked.Payload}");
            await claude.SendAsync(asked.From, "Yes: I release src/auth in a moment.", replyTo: asked.Id, cancellationToken: cancellationToken);
            MeshMessage answer = await cursor.WaitForMessageAsync(Patience, replyTo: question.Id, cancellationToken: cancellationToken) ?? throw new TimeoutException("cursor got no reply");
            log.Line("cursor", $"← {answer.FromName} (reply): {answer.Payload}");

            StateEntry version = await codex.SetStateAsync("api/version", "v2", "contracts", expectedVersion: 0, cancellationToken: cancellationToken);
            log.Line("codex", $"set contracts/api/version = v2 (version {version.Version})");
            try
            {
                await cursor.SetStateAsync("api/version", "v3", "contracts", expectedVersion: 0, cancellationToken: cancellationToken);
            }
            catch (MeshException conflict) when (conflict.Code == MeshErrorCode.Conflict)
            {
                log.Line("cursor", $"tried to create api/version too: conflict, {conflict.Message}");
            }

            var broadcast = await claude.BroadcastAsync("Schema changed: run the migrations before testing.", MessageTypes.Alert, cancellationToken);
            log.Line("claude", $"broadcast to {broadcast.Recipients.Count} peers: Schema changed: run the migrations before testing.");
            foreach (MeshClient agent in new[] { cursor, codex })
            {
                MeshMessage alert = await agent.WaitForMessageAsync(Patience, from: "claude", cancellationToken: cancellationToken) ?? throw new TimeoutException("no broadcast");
                log.Line(agent.Self!.Name, $"← {alert.FromName} ({alert.Type}): {alert.Payload}");
            }

            Task<LockInfo> waiting = cursor.AcquireLockAsync("../src/auth/login.cs", "add remember-me", wait: Patience, cancellationToken: cancellationToken);
            log.Line("cursor", "waits for src/auth/login.cs ...");
            await claude.ReleaseLockAsync("src/auth/**", cancellationToken);
            log.Line("claude", "released src/auth/**");
            LockInfo login = await waiting;
            log.Line("cursor", $"got {Relative(repo, login.Path)} (fencing token {login.FencingToken})");
            await cursor.ReleaseLockAsync(login.Path, cancellationToken);

            BrokerStatus status = await codex.GetStatusAsync(cancellationToken);
            log.Text(string.Empty);
            log.Line("status", $"{status.PeersActive} peers, {status.MessagesTotal} messages stored ({status.MessagesUnread} unread), {status.LocksActive} locks, {status.EventsTotal} events, database {status.DatabaseBytes / 1024} KiB + WAL {status.WalBytes / 1024} KiB");
            log.Text("Done: every line above went through the broker and its SQLite store.");
            return 0;
        }
        finally
        {
            TryDelete(home);
        }
    }

    private static Task<MeshClient> JoinAsync(string home, string name, string agentType, string cwd, string summary, CancellationToken cancellationToken) =>
        MeshClient.ConnectAsync(
            new MeshClientOptions { Home = home, Name = name, AgentType = agentType, Cwd = cwd, Summary = summary, AutoStart = false },
            cancellationToken);

    private static string CreateRepository(string home)
    {
        string repo = Path.Combine(home, "repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        Directory.CreateDirectory(Path.Combine(repo, "src", "auth"));
        Directory.CreateDirectory(Path.Combine(repo, "web"));
        File.WriteAllText(Path.Combine(repo, ".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(repo, "src", "auth", "login.cs"), "// demo file\n");
        return repo;
    }

    private static string Relative(string repo, string path) => path == repo ? "." : Path.GetRelativePath(repo, path);

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
