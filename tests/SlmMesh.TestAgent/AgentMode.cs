using System.Globalization;
using System.Text.Json;

namespace SlmMesh.TestAgent;

/// <summary>
/// A peer driven through stdin, one command per line; everything it sees is printed as a JSON line. Stdin
/// closing ends it like <c>quit</c>, so a test host that dies takes its agents with it.
/// </summary>
internal sealed partial class AgentMode
{
    private readonly Arguments _args;
    private readonly MeshClientOptions _options;
    private readonly Lock _gate = new();
    private readonly List<string> _unacknowledged = [];
    private readonly List<Task> _background = [];
    private MeshClient? _client;
    private string? _peerId;

    private AgentMode(Arguments args)
    {
        _args = args;
        string home = args.Required("home");
        _peerId = args.Get("peer-id");
        _options = new MeshClientOptions
        {
            Home = home,
            Name = args.Get("name"),
            AgentType = "dotnet",
            Cwd = args.Get("cwd") ?? home,
            AutoAcknowledge = !args.Has("manual-ack"),
            Reconnect = !args.Has("no-reconnect"),
            ConnectTimeout = args.Milliseconds("connect-timeout-ms") ?? TimeSpan.FromSeconds(20),
            RequestTimeout = args.Milliseconds("request-timeout-ms") ?? TimeSpan.FromSeconds(30),
            AutoStart = args.Get("launcher") != "none",
            BrokerLauncher = args.Get("launcher") == "none" ? null : BrokerLauncher(home, args),
        };
    }

    private MeshClient Client => _client ?? throw new InvalidOperationException("Not connected.");

    public static async Task<int> RunAsync(Arguments args)
    {
        var agent = new AgentMode(args);
        if (!await agent.ConnectAsync())
        {
            return 1;
        }

        await agent.RunCommandsAsync();
        return 0;
    }

    /// <summary>Brokers this agent starts are copies of this program in broker mode: separate processes.</summary>
    private static ProcessBrokerLauncher BrokerLauncher(string home, Arguments args)
    {
        List<string> brokerArgs = ["broker", "--home", home];
        foreach (string key in (string[])["idle-ms", "away-ms", "restart-grace-ms", "tick-ms", "queue"])
        {
            if (args.Get("broker-" + key) is { } value)
            {
                brokerArgs.AddRange(["--" + key, value]);
            }
        }

        return ProcessBrokerLauncher.ForCurrentProcess([.. brokerArgs]);
    }

    private async Task<bool> ConnectAsync()
    {
        long started = Output.Now;
        MeshClient client;
        try
        {
            client = await MeshClient.ConnectAsync(_options with { PeerId = _peerId });
        }
        catch (MeshException ex)
        {
            Output.Error("connect", ex);
            return false;
        }

        _client = client;
        _peerId = client.PeerId;
        client.ConnectionStateChanged += OnStateChanged;
        int brokerPid = await BrokerPidAsync(client);
        Output.Write("connected", w =>
        {
            w.WriteString("peer", client.PeerId);
            w.WriteString("name", client.Self?.Name);
            w.WriteNumber("pid", Environment.ProcessId);
            w.WriteNumber("brokerPid", brokerPid);
            w.WriteNumber("ms", Output.Now - started);
        });
        _background.Add(ReceiveAsync(client));
        return true;
    }

    private void OnStateChanged(object? sender, MeshConnectionStateChangedEventArgs e)
    {
        var client = (MeshClient)sender!;
        Output.Write("state", w =>
        {
            w.WriteString("state", e.State.ToString());
            w.WriteString("peer", client.PeerId);
        });
        if (e.State == MeshConnectionState.Connected)
        {
            _ = Task.Run(async () =>
            {
                int brokerPid = await BrokerPidAsync(client);
                Output.Write("reconnected", w =>
                {
                    w.WriteString("peer", client.PeerId);
                    w.WriteNumber("brokerPid", brokerPid);
                });
            });
        }
    }

    private static async Task<int> BrokerPidAsync(MeshClient client)
    {
        try
        {
            return (await client.GetStatusAsync()).ProcessId;
        }
        catch (Exception ex) when (ex is MeshException or ObjectDisposedException)
        {
            return 0;
        }
    }

    private async Task ReceiveAsync(MeshClient client)
    {
        try
        {
            await foreach (MeshMessage message in client.ReadMessagesAsync())
            {
                if (!_options.AutoAcknowledge)
                {
                    lock (_gate)
                    {
                        _unacknowledged.Add(message.Id);
                    }
                }

                Output.Write("message", w =>
                {
                    w.WriteString("id", message.Id);
                    w.WriteString("from", message.From);
                    w.WriteString("fromName", message.FromName);
                    w.WriteString("type", message.Type);
                    w.WriteString("payload", message.Payload.Length > 256 ? message.Payload[..256] : message.Payload);
                    w.WriteNumber("bytes", message.Payload.Length);
                    w.WriteBoolean("broadcast", message.Broadcast);
                    w.WriteNumber("createdAt", message.CreatedAt);
                });
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed by quit or away.
        }
    }

    private async Task RunCommandsAsync()
    {
        while (await Console.In.ReadLineAsync() is { } line)
        {
            string[] words = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            if (words[0] == "quit")
            {
                break;
            }

            try
            {
                await RunCommandAsync(words);
            }
            catch (Exception ex) when (ex is MeshException or InvalidOperationException or FormatException or IndexOutOfRangeException)
            {
                Output.Error(words[0], ex);
            }
        }

        await QuitAsync();
    }

    private async Task QuitAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync();
        }

        await Task.WhenAll(_background).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        Output.Write("bye");
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
