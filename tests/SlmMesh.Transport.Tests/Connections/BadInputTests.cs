using Microsoft.Extensions.Logging;
using MessagePack;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Connections;

/// <summary>
/// The bad-input list of the protocol: each case gets an error frame where the connection can still take
/// one, then the connection closes; a well-behaved client on the same listener is served throughout, and
/// the listener forgets the bad connection.
/// </summary>
public sealed class BadInputTests
{
    private static readonly TimeSpan PartialFrameTimeout = TimeSpan.FromMilliseconds(300);

    public static TheoryData<string, bool> Cases() => new()
    {
        { "malformed MessagePack", false },
        { "malformed MessagePack", true },
        { "unknown kind", false },
        { "unknown kind", true },
        { "length above the maximum", false },
        { "length above the maximum", true },
        { "zero length", false },
        { "zero length", true },
        { "half a frame then silence", false },
        { "half a frame then silence", true },
        { "1 MiB of random bytes", false },
        { "1 MiB of random bytes", true },
        { "wrong token", false },
        { "wrong protocol version", false },
        { "connects and never speaks", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_an_error_frame_then_the_end_and_everyone_else_is_served(string input, bool afterHello)
    {
        using var timeout = Timeouts.After(20);
        await using var server = TestServer.Start(o => o with
        {
            HandshakeTimeout = input == "connects and never speaks" ? TimeSpan.FromMilliseconds(500) : o.HandshakeTimeout,
            Connection = o.Connection with { PartialFrameTimeout = PartialFrameTimeout },
        });
        await using FrameConnection neighbour = await server.ConnectAsync(timeout.Token);
        await neighbour.AssertEchoAsync("before", timeout.Token);

        using (RawClient bad = await RawClient.ConnectAsync(server.SocketPath, timeout.Token))
        {
            if (afterHello)
            {
                await bad.HandshakeAsync(timeout.Token);
            }

            (byte[] bytes, string[] codes) = Input(input);
            await bad.SendAsync(bytes, timeout.Token);

            List<InboundFrame> frames = await bad.ReadToEndAsync(timeout.Token);
            InboundFrame error = Assert.Single(frames);
            Assert.Equal((FrameKind.Error, 0u), (error.Kind, error.Id));
            Assert.Contains(error.Name, codes);
            Assert.Equal(error.Name, error.ReadBody<ErrorBody>().Code);

            await neighbour.AssertEchoAsync("while the bad client is still connected", timeout.Token);
        }

        await server.Listener.WaitForConnectionCountAsync(1, timeout.Token);
        await neighbour.AssertEchoAsync("after", timeout.Token);
        Assert.DoesNotContain(server.Logger.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Half_a_frame_then_end_of_stream_is_answered_before_the_close()
    {
        using var timeout = Timeouts.After(20);
        await using var server = TestServer.Start();
        using RawClient bad = await RawClient.ConnectAsync(server.SocketPath, timeout.Token);
        await bad.HandshakeAsync(timeout.Token);

        await bad.SendAsync(FrameEnvelope.Encode(OutboundFrame.Request(1, TestServer.EchoOperation, null)).AsMemory(0, 7), timeout.Token);
        bad.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        ErrorBody error = await bad.ExpectErrorThenEndAsync(MeshErrorCode.ProtocolError, timeout.Token);
        Assert.Contains("middle of a frame", error.Message, StringComparison.Ordinal);
        await server.Listener.WaitForConnectionCountAsync(0, timeout.Token);
    }

    [Fact]
    public async Task A_client_that_keeps_its_side_open_after_bad_input_is_still_cut_off()
    {
        using var timeout = Timeouts.After(20);
        await using var server = TestServer.Start(o => o with { Connection = o.Connection with { CloseTimeout = TimeSpan.FromMilliseconds(200) } });
        using RawClient bad = await RawClient.ConnectAsync(server.SocketPath, timeout.Token);
        await bad.HandshakeAsync(timeout.Token);

        await bad.SendAsync(new byte[] { 0, 0, 0, 0 }, timeout.Token);
        await bad.ExpectErrorThenEndAsync(MeshErrorCode.ProtocolError, timeout.Token);

        // The client neither reads nor closes: the close timeout ends the connection anyway.
        await server.Listener.WaitForConnectionCountAsync(0, timeout.Token);
    }

    [Fact]
    public async Task Many_bad_clients_at_once_leave_the_listener_serving()
    {
        using var timeout = Timeouts.After(30);
        await using var server = TestServer.Start(o => o with { Connection = o.Connection with { PartialFrameTimeout = PartialFrameTimeout } });
        await using FrameConnection neighbour = await server.ConnectAsync(timeout.Token);
        string[] inputs = ["malformed MessagePack", "unknown kind", "length above the maximum", "zero length", "half a frame then silence", "1 MiB of random bytes", "wrong token", "wrong protocol version"];

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(
            async () =>
            {
                using RawClient bad = await RawClient.ConnectAsync(server.SocketPath, timeout.Token);
                (byte[] bytes, string[] codes) = Input(inputs[i % inputs.Length]);
                await bad.SendAsync(bytes, timeout.Token);
                InboundFrame error = Assert.Single(await bad.ReadToEndAsync(timeout.Token));
                Assert.Contains(error.Name, codes);
            },
            timeout.Token)));

        await server.Listener.WaitForConnectionCountAsync(1, timeout.Token);
        await neighbour.AssertEchoAsync("survived", timeout.Token);
    }

    private static (byte[] Bytes, string[] Codes) Input(string input) => input switch
    {
        // A request whose name claims 4 bytes but holds 1, then an invalid type byte.
        "malformed MessagePack" => (Bytes.Frame([0x94, 0x03, 0x01, 0xa4, 0x70, 0xc1]), [MeshErrorCode.ProtocolError]),
        "unknown kind" => (Bytes.Frame((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(4);
            w.Write(9);
            w.Write(1);
            w.Write(TestServer.EchoOperation);
            w.WriteMapHeader(0);
        }), [MeshErrorCode.ProtocolError]),
        "length above the maximum" => ([0x00, 0x10, 0x00, 0x01, 0x94, 0x03, 0x01], [MeshErrorCode.TooLarge]),
        "zero length" => ([0, 0, 0, 0], [MeshErrorCode.ProtocolError]),
        "half a frame then silence" => (Bytes.Frame(FrameEnvelope.Encode(OutboundFrame.Request(1, TestServer.EchoOperation, null)).AsSpan(4))[..6], [MeshErrorCode.ProtocolError]),
        "1 MiB of random bytes" => (RandomBytes(), [MeshErrorCode.ProtocolError, MeshErrorCode.TooLarge]),
        "wrong token" => (FrameEnvelope.Encode(RawClient.Hello(token: "not-the-token")), [MeshErrorCode.Unauthorized]),
        "wrong protocol version" => (FrameEnvelope.Encode(RawClient.Hello(version: ProtocolVersion.Current + 1)), [MeshErrorCode.UnsupportedVersion]),
        "connects and never speaks" => ([], [MeshErrorCode.Timeout]),
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    private static byte[] RandomBytes()
    {
        byte[] bytes = new byte[1024 * 1024];
        new Random(20261129).NextBytes(bytes);
        return bytes;
    }
}
