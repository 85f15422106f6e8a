using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Reliability.Tests.Fuzzing;

/// <summary>
/// A live broker under fuzzed requests: every one gets an answer or a clean disconnect, the broker never stops,
/// its memory and connection count stay bounded, and a well-behaved pair of peers keeps talking throughout.
/// </summary>
public sealed class BrokerFuzzTests
{
    private const int Window = 256;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_broker_process_answers_100k_mutated_requests_with_bounded_memory_and_keeps_serving()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Reads the broker's memory from /proc.");
        await using var home = new ProcessHome();
        AgentProcess broker = await home.StartBrokerAsync();
        await using MeshClient alice = await ConnectAsync(home, "alice");
        await using MeshClient bob = await ConnectAsync(home, "bob");
        await ProbeAsync(alice, bob, "before");
        int cases = Scale.Of(100_000);
        var codes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var memory = new ConcurrentQueue<ProcessMemory>([ProcessMemory.Of(broker.Pid)]);
        int reconnects = 0;

        // Four connections at once, each registered as a peer, sending windows of mutated requests.
        Task[] fuzzers = [.. Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1000 + worker);
            var mutator = new TreeMutator(random);
            IReadOnlyList<(string Operation, byte[] Body)> corpus = FuzzCorpus.Requests(home.Directory);
            FrameConnection connection = await RegisteredAsync(home.Home, $"fuzz-{worker}");
            for (int sent = 0; sent < cases / 4; sent += Window)
            {
                if (!await SendWindowAsync(connection, corpus, mutator, random, codes))
                {
                    await connection.DisposeAsync();
                    connection = await RegisteredAsync(home.Home, $"fuzz-{worker}");
                    Interlocked.Increment(ref reconnects);
                }

                if (worker == 0 && sent % (cases / 16) < Window)
                {
                    memory.Enqueue(ProcessMemory.Of(broker.Pid));
                    await ProbeAsync(alice, bob, $"during {sent}");
                }
            }

            await connection.DisposeAsync();
        }))];
        await Task.WhenAll(fuzzers);

        await ProbeAsync(alice, bob, "after");
        Assert.False(broker.HasExited, "the broker must still run");
        await Eventually.TrueAsync(async () => (await alice.GetStatusAsync(Ct)).Connections == 2, TimeSpan.FromSeconds(10), "the fuzz connections should all be gone");
        ProcessMemory[] samples = [.. memory, ProcessMemory.Of(broker.Pid)];
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{cases} requests, {reconnects} reconnects; answers: {string.Join(", ", codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"))}; " +
            $"broker memory: {string.Join(" → ", samples.Select(m => $"{m.ResidentMiB:0}"))} MiB, peak {samples[^1].PeakMiB:0} MiB.");
        Assert.DoesNotContain("internal", codes.Keys);
        // Bounded, not flat: it climbs to a plateau (pools, the GC's budget) that stays put at 3× the cases (docs/RELIABILITY.md).
        Assert.InRange(samples[^1].PeakMiB, 0, 400);
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
    }

    [Fact]
    public async Task A_broker_process_drops_connections_that_send_garbage_and_keeps_serving()
    {
        await using var home = new ProcessHome();
        AgentProcess broker = await home.StartBrokerAsync();
        await using MeshClient alice = await ConnectAsync(home, "alice");
        await using MeshClient bob = await ConnectAsync(home, "bob");
        string token = home.Home.ReadToken()!;
        int cases = Scale.Of(4000);
        byte[] hello = FrameEnvelope.Encode(new OutboundFrame(FrameKind.Hello, 0, "hello", new HelloBody { ProtocolVersion = ProtocolVersion.Current, Token = token }));
        IReadOnlyList<(string Operation, byte[] Body)> corpus = FuzzCorpus.Requests(home.Directory);
        byte[][] seeds = [.. corpus.Select((r, i) => FrameEnvelope.Encode(OutboundFrame.Request((uint)i + 1, r.Operation, new RawBody(r.Body))))];

        // Each case: a fresh connection, a valid hello (or none), then mutated frame bytes; the answer is read to the end.
        var closings = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (i, ct) =>
        {
            var random = new Random(i);
            byte[] garbage = new ByteMutator(random).Mutate(seeds[random.Next(seeds.Length)]);
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(home.Home.SocketPath), ct);
            string outcome;
            try
            {
                await socket.SendAsync(i % 10 == 0 ? garbage : [.. hello, .. garbage], SocketFlags.None, ct);
                socket.Shutdown(SocketShutdown.Send);
                outcome = await ReadToEndAsync(socket, ct);
            }
            catch (SocketException ex)
            {
                outcome = "reset: " + ex.SocketErrorCode;
            }

            closings.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            if (i % 500 == 0)
            {
                await ProbeAsync(alice, bob, $"garbage {i}");
            }
        });

        await ProbeAsync(alice, bob, "after the garbage");
        Assert.False(broker.HasExited, "the broker must still run");
        await Eventually.TrueAsync(async () => (await alice.GetStatusAsync(Ct)).Connections == 2, TimeSpan.FromSeconds(30), "every garbage connection should be closed");
        TestContext.Current.TestOutputHelper?.WriteLine($"{cases} garbage connections; the broker's last word: {string.Join(", ", closings.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"))}.");
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
    }

    private static Task<MeshClient> ConnectAsync(ProcessHome home, string name) =>
        MeshClient.ConnectAsync(new MeshClientOptions { Home = home.Directory, Name = name, AgentType = "dotnet", Cwd = home.Directory, AutoStart = false }, Ct);

    /// <summary>Reads what the broker sends until it closes; returns the code of its last error frame, or how it ended.</summary>
    private static async Task<string> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var received = new System.Buffers.ArrayBufferWriter<byte>();
        int read;
        while ((read = await socket.ReceiveAsync(received.GetMemory(4096), SocketFlags.None, timeout.Token)) > 0)
        {
            received.Advance(read);
        }

        string last = "closed";
        var buffer = new System.Buffers.ReadOnlySequence<byte>(received.WrittenMemory);
        while (FrameCodec.TryReadFrame(ref buffer, FrameCodec.DefaultMaxFrameSize, out var body))
        {
            InboundFrame frame = FrameEnvelope.Decode(body);
            last = frame.Kind == FrameKind.Error ? frame.Name : last;
        }

        return last;
    }

    private static async Task<FrameConnection> RegisteredAsync(MeshHome home, string name)
    {
        FrameConnection connection = await FrameConnector.ConnectAsync(new FrameConnectorOptions { SocketPath = home.SocketPath, Token = home.ReadToken()! }, null, Ct);
        await connection.SendAsync(OutboundFrame.Request(1, MeshOperations.Register, new RegisterRequest { Name = name, Cwd = home.Directory }), Ct);
        return connection;
    }

    /// <summary>Sends a window of mutated requests and a ping after them, then reads until the ping's answer (the broker answers in order).</summary>
    private static async Task<bool> SendWindowAsync(FrameConnection connection, IReadOnlyList<(string Operation, byte[] Body)> corpus, TreeMutator mutator, Random random, ConcurrentDictionary<string, int> codes)
    {
        try
        {
            for (uint id = 2; id < Window + 2; id++)
            {
                (string operation, byte[] body) = corpus[random.Next(corpus.Count)];
                string name = random.Next(50) == 0 ? corpus[random.Next(corpus.Count)].Operation + (char)random.Next(32, 127) : operation;
                await connection.SendAsync(OutboundFrame.Request(id, FuzzCorpus.Excluded.Contains(name) ? MeshOperations.Ping : name, new RawBody(mutator.Mutate(body))), Ct);
            }

            await connection.SendAsync(OutboundFrame.Request(uint.MaxValue, MeshOperations.Ping, EmptyBody.Instance), Ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (true)
            {
                InboundFrame frame = await connection.Incoming.ReadAsync(timeout.Token);
                if (frame.Kind is FrameKind.Response or FrameKind.Error && frame.Id != uint.MaxValue)
                {
                    codes.AddOrUpdate(frame.Kind == FrameKind.Response ? "ok" : frame.Name, 1, (_, n) => n + 1);
                }
                else if (frame.Id == uint.MaxValue)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is ChannelClosedException or IOException)
        {
            // The broker closed this connection (a frame it could not take): count it and start another.
            codes.AddOrUpdate("disconnected", 1, (_, n) => n + 1);
            return false;
        }
    }

    private static async Task ProbeAsync(MeshClient from, MeshClient to, string tag)
    {
        string id = (await from.SendAsync(to.PeerId, "probe " + tag, cancellationToken: Ct)).Id;
        while (await to.WaitForMessageAsync(TimeSpan.FromSeconds(10), from: from.PeerId, cancellationToken: Ct) is { } message)
        {
            if (message.Id == id)
            {
                // Fuzzed broadcasts pile up for the well-behaved peers: take them so the test holds no backlog.
                to.TakeReceivedMessages();
                return;
            }
        }

        Assert.Fail($"The probe '{tag}' did not arrive: the broker stopped serving well-behaved peers.");
    }
}
