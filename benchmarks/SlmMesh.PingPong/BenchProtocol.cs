using MessagePack;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.PingPong;

/// <summary>The operations of the benchmark, carried by the real frame types.</summary>
internal static class BenchProtocol
{
    /// <summary>A <see cref="SendRequest"/> answered with the same request (decoded and re-encoded).</summary>
    public const string Ping = "bench.ping";

    /// <summary>A <see cref="SendRequest"/> that is decoded and counted, never answered.</summary>
    public const string Flood = "bench.flood";

    /// <summary>Ends an upward flood: answered with a <see cref="FloodReport"/> of how many arrived.</summary>
    public const string FloodEnd = "bench.flood-end";

    /// <summary>A <see cref="FloodReport"/>: the listener pushes that many messages, then answers.</summary>
    public const string PushFlood = "bench.push-flood";

    /// <summary>A msg.send request whose encoded body is <paramref name="bodyBytes"/> long (give or take a byte).</summary>
    public static SendRequest Request(int bodyBytes)
    {
        var request = new SendRequest { Id = "ping-0000000001", To = "bench", Type = "text", Payload = string.Empty };
        int overhead = FrameEnvelope.Encode(OutboundFrame.Request(1, Ping, request)).Length - FrameCodec.HeaderSize;
        return request with { Payload = new string('x', Math.Max(0, bodyBytes - overhead - 1)) };
    }

    /// <summary>A message push of about <paramref name="bodyBytes"/>.</summary>
    public static MeshMessage Message(int bodyBytes)
    {
        var message = new MeshMessage
        {
            Id = "ping-0000000001",
            From = "listener",
            FromName = "listener",
            To = "client",
            Type = "text",
            CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        int overhead = FrameEnvelope.Encode(OutboundFrame.Push(MeshPushes.Message, message)).Length - FrameCodec.HeaderSize;
        return message with { Payload = new string('x', Math.Max(0, bodyBytes - overhead - 1)) };
    }
}

/// <summary>A count, both ways: how many pushes to send, or how many flood frames arrived.</summary>
internal sealed record FloodReport : IWireMessage<FloodReport>
{
    public long Count { get; init; }

    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("count"u8);
        writer.Write(Count);
    }

    public static FloodReport ReadFrom(ref MessagePackReader reader)
    {
        long count = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int pairs = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < pairs; i++)
        {
            if (field[..WireReader.ReadKey(ref reader, field)] is "count")
            {
                count = WireReader.ReadInt64(ref reader);
            }
            else
            {
                WireReader.Skip(ref reader);
            }
        }

        return new FloodReport { Count = count };
    }
}
