using SlmMesh.Transport.Messages;

namespace SlmMesh.TestAgent;

internal sealed partial class AgentMode
{
    private async Task RunCommandAsync(string[] words)
    {
        switch (words[0])
        {
            case "send":
                SendResponse sent = await Client.SendAsync(words[1], words[2]);
                WriteSent(sent, words[2], -1);
                break;
            case "broadcast":
                string text = string.Join(' ', words[1..]);
                WriteSent(await Client.BroadcastAsync(text), text, -1);
                break;
            case "flood":
                // flood <to> <count> [window] [pad]: count messages "<name>:<seq>" (plus pad bytes) with up to window in flight.
                string[] flood = words[2].Split(' ');
                string to = words[1];
                int count = Int(flood[0]);
                int window = flood.Length > 1 ? Int(flood[1]) : 1;
                string pad = flood.Length > 2 ? " " + new string('x', Int(flood[2])) : string.Empty;
                MeshClient client = Client;
                _background.Add(Task.Run(() => FloodAsync(client, to, count, window, pad)));
                break;
            case "ack":
                string[] ids;
                lock (_gate)
                {
                    ids = [.. _unacknowledged];
                    _unacknowledged.Clear();
                }

                int changed = await Client.AcknowledgeAsync(ids);
                Output.Write("acked", w =>
                {
                    w.WriteNumber("count", ids.Length);
                    w.WriteNumber("changed", changed);
                });
                break;
            case "lock":
                TimeSpan? ttl = words.Length > 2 ? TimeSpan.FromMinutes(Int(words[2])) : null;
                LockInfo held = await Client.AcquireLockAsync(words[1], "test", ttl);
                Output.Write("locked", w =>
                {
                    w.WriteString("path", held.Path);
                    w.WriteNumber("fencingToken", held.FencingToken);
                    w.WriteString("holder", held.HolderId);
                });
                break;
            case "unlock":
                bool released = await Client.ReleaseLockAsync(words[1]);
                Output.Write("unlocked", w => w.WriteBoolean("released", released));
                break;
            case "status":
                BrokerStatus status = await Client.GetStatusAsync();
                Output.Write("status", w =>
                {
                    w.WriteNumber("brokerPid", status.ProcessId);
                    w.WriteNumber("peersActive", status.PeersActive);
                    w.WriteNumber("peersAway", status.PeersAway);
                    w.WriteNumber("connections", status.Connections);
                    w.WriteNumber("messagesTotal", status.MessagesTotal);
                    w.WriteNumber("messagesUnread", status.MessagesUnread);
                    w.WriteNumber("locksActive", status.LocksActive);
                });
                break;
            case "peers":
                WritePeers(await Client.ListPeersAsync());
                break;
            case "wait-peer":
                // wait-peer <name> <connected|away|gone> [timeoutMs]: polls the broker's view of a peer.
                string[] rest = words[2].Split(' ');
                await WaitForPeerAsync(words[1], rest[0], TimeSpan.FromMilliseconds(rest.Length > 1 ? Int(rest[1]) : 10_000));
                break;
            case "inbox":
                IReadOnlyList<MeshMessage> inbox = await Client.ReadInboxAsync(limit: 100);
                Output.Write("inbox", w => WriteStrings(w, "ids", inbox.Select(m => m.Id)));
                break;
            case "away":
                // Drops the connection as a crash would, but the process lives on (needs --no-reconnect).
                Client.AbortConnectionForTesting();
                Output.Write("away", w => w.WriteString("peer", _peerId));
                break;
            case "back":
                await DropClientAsync();
                await ConnectAsync();
                break;
            case "ping":
                await Client.PingAsync();
                Output.Write("pong");
                break;
            default:
                throw new FormatException($"Unknown command '{words[0]}'.");
        }
    }

    private static async Task FloodAsync(MeshClient client, string to, int count, int window, string pad)
    {
        long started = Output.Now;
        int next = -1;
        int ok = 0;
        int failed = 0;
        async Task WorkerAsync()
        {
            for (int seq = Interlocked.Increment(ref next); seq < count; seq = Interlocked.Increment(ref next))
            {
                string payload = $"{client.Self?.Name}:{seq}";
                try
                {
                    SendResponse response = await client.SendAsync(to, payload + pad);
                    Interlocked.Increment(ref ok);
                    WriteSent(response, payload, seq);
                }
                catch (Exception ex) when (ex is MeshException or ObjectDisposedException)
                {
                    Interlocked.Increment(ref failed);
                    Output.Error("send", ex, w => w.WriteNumber("seq", seq));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, window).Select(_ => Task.Run(WorkerAsync)));
        Output.Write("flood_done", w =>
        {
            w.WriteNumber("count", count);
            w.WriteNumber("ok", ok);
            w.WriteNumber("failed", failed);
            w.WriteNumber("ms", Output.Now - started);
        });
    }

    private async Task WaitForPeerAsync(string name, string wanted, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            IReadOnlyList<PeerInfo> peers = await Client.ListPeersAsync();
            PeerInfo? peer = peers.FirstOrDefault(p => p.Name == name || p.Id == name);
            string seen = peer is null ? "gone" : peer.Connected ? "connected" : "away";
            if (seen == wanted || Environment.TickCount64 > deadline)
            {
                Output.Write("peer", w =>
                {
                    w.WriteString("name", name);
                    w.WriteString("seen", seen);
                    w.WriteBoolean("matched", seen == wanted);
                });
                return;
            }

            // Polling the broker from the agent, not from the test: the test waits for the line above. No event says
            // a peer went away (only joined/left), so there is nothing to await instead; the deadline bounds it.
            await Task.Delay(10); // wait-ok
        }
    }

    private async Task DropClientAsync()
    {
        if (_client is { } old)
        {
            old.ConnectionStateChanged -= OnStateChanged;
            await old.DisposeAsync();
            _client = null;
        }
    }

    private static void WriteSent(SendResponse sent, string payload, int seq) =>
        Output.Write("sent", w =>
        {
            w.WriteString("id", sent.Id);
            w.WriteString("payload", payload);
            w.WriteNumber("seq", seq);
            WriteStrings(w, "recipients", sent.Recipients);
        });

    private static void WritePeers(IReadOnlyList<PeerInfo> peers) =>
        Output.Write("peers", w =>
        {
            w.WriteStartArray("peers");
            foreach (PeerInfo peer in peers)
            {
                w.WriteStartObject();
                w.WriteString("id", peer.Id);
                w.WriteString("name", peer.Name);
                w.WriteBoolean("connected", peer.Connected);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
}
