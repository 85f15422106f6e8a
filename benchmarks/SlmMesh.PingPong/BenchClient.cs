using System.Diagnostics;
using System.Text.Json;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.PingPong;

/// <summary>The client process: measures round trips, then a flood each way, and prints JSON on stdout.</summary>
internal static class BenchClient
{
    private static uint s_nextId;

    public static async Task<int> RunAsync(PingPongOptions options)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        CancellationToken ct = timeout.Token;
        await using FrameConnection connection = await FrameConnector.ConnectAsync(
            new FrameConnectorOptions { SocketPath = options.ClientSocket!, Token = options.Token, ClientName = "slm-mesh-pingpong-client" },
            logger: null,
            ct);
        SendRequest request = BenchProtocol.Request(options.BodyBytes);
        int requestBytes = FrameEnvelope.Encode(OutboundFrame.Request(1, BenchProtocol.Ping, request)).Length;

        for (int i = 0; i < options.Warmup; i++)
        {
            await PingAsync(connection, request, ct);
        }

        double[] rtt = new double[options.Pings];
        for (int i = 0; i < rtt.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await PingAsync(connection, request, ct);
            rtt[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        await FloodUpAsync(connection, request, options.Warmup, ct);
        double upSeconds = await FloodUpAsync(connection, request, options.Flood, ct);
        await FloodDownAsync(connection, options.Warmup, ct);
        double downSeconds = await FloodDownAsync(connection, options.Flood, ct);
        int pushBytes = FrameEnvelope.Encode(OutboundFrame.Push(MeshPushes.Message, BenchProtocol.Message(options.BodyBytes))).Length;

        Array.Sort(rtt);
        using var json = new Utf8JsonWriter(Console.OpenStandardOutput());
        json.WriteStartObject();
        json.WriteNumber("pings", rtt.Length);
        json.WriteNumber("requestFrameBytes", requestBytes);
        json.WriteNumber("rttMinUs", rtt[0]);
        json.WriteNumber("rttP50Us", Percentile(rtt, 0.50));
        json.WriteNumber("rttP90Us", Percentile(rtt, 0.90));
        json.WriteNumber("rttP99Us", Percentile(rtt, 0.99));
        json.WriteNumber("rttP999Us", Percentile(rtt, 0.999));
        json.WriteNumber("rttMaxUs", rtt[^1]);
        json.WriteNumber("rttMeanUs", rtt.Average());
        json.WriteNumber("flood", options.Flood);
        json.WriteNumber("floodUpMessagesPerSecond", options.Flood / upSeconds);
        json.WriteNumber("floodUpMegabytesPerSecond", options.Flood * (double)requestBytes / upSeconds / 1e6);
        json.WriteNumber("pushFrameBytes", pushBytes);
        json.WriteNumber("floodDownMessagesPerSecond", options.Flood / downSeconds);
        json.WriteNumber("floodDownMegabytesPerSecond", options.Flood * (double)pushBytes / downSeconds / 1e6);
        json.WriteEndObject();
        return 0;
    }

    private static async Task PingAsync(FrameConnection connection, SendRequest request, CancellationToken ct)
    {
        uint id = ++s_nextId;
        await connection.SendAsync(OutboundFrame.Request(id, BenchProtocol.Ping, request), ct);
        InboundFrame reply = await connection.Incoming.ReadAsync(ct);
        if (reply.Id != id || reply.ReadBody<SendRequest>().Payload.Length != request.Payload.Length)
        {
            throw new InvalidOperationException($"Expected the answer to {id}, got {reply.Kind} {reply.Id}.");
        }
    }

    /// <summary>Client to listener, one way: returns the seconds until the listener confirmed every frame.</summary>
    private static async Task<double> FloodUpAsync(FrameConnection connection, SendRequest request, int count, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            await connection.SendAsync(OutboundFrame.Request(++s_nextId, BenchProtocol.Flood, request), ct);
        }

        await connection.SendAsync(OutboundFrame.Request(++s_nextId, BenchProtocol.FloodEnd, null), ct);
        InboundFrame reply = await connection.Incoming.ReadAsync(ct);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long arrived = reply.ReadBody<FloodReport>().Count;
        return arrived == count ? seconds : throw new InvalidOperationException($"Sent {count} frames, {arrived} arrived.");
    }

    /// <summary>Listener to client, one way (pushes, each decoded): returns the seconds until the last arrived.</summary>
    private static async Task<double> FloodDownAsync(FrameConnection connection, int count, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        await connection.SendAsync(OutboundFrame.Request(++s_nextId, BenchProtocol.PushFlood, new FloodReport { Count = count }), ct);
        int pushes = 0;
        while (true)
        {
            InboundFrame frame = await connection.Incoming.ReadAsync(ct);
            if (frame.Kind == FrameKind.Push)
            {
                pushes += frame.ReadBody<MeshMessage>().Payload.Length >= 0 ? 1 : 0;
                continue;
            }

            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            return pushes == count ? seconds : throw new InvalidOperationException($"Asked for {count} pushes, {pushes} arrived.");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Round(p * (sorted.Length - 1))];
}
