using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Connections;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_hundred_clients_at_once_each_get_their_own_answers()
    {
        const int clients = 100;
        const int requestsEach = 20;
        using var timeout = Timeouts.After(30);
        await using var server = TestServer.Start();

        async Task RunClientAsync(int client)
        {
            await using FrameConnection connection = await server.ConnectAsync(timeout.Token);

            // Pipelined: all requests go out before the first answer is read, so frames interleave on the wire.
            for (uint i = 1; i <= requestsEach; i++)
            {
                await connection.SendAsync(OutboundFrame.Request(i, TestServer.EchoOperation, new SummaryRequest { Summary = $"client {client} request {i}" }), timeout.Token);
            }

            for (uint i = 1; i <= requestsEach; i++)
            {
                InboundFrame reply = await connection.Incoming.ReadAsync(timeout.Token);
                Assert.Equal((FrameKind.Response, i), (reply.Kind, reply.Id));
                Assert.Equal($"client {client} request {i}", reply.ReadBody<SummaryRequest>().Summary);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => RunClientAsync(c), timeout.Token)));

        await server.Listener.WaitForConnectionCountAsync(0, timeout.Token);
    }

    [Fact]
    public async Task Many_senders_on_one_connection_never_interleave_the_bytes_of_two_frames()
    {
        using var timeout = Timeouts.After(30);
        await using var server = TestServer.Start();
        await using FrameConnection connection = await server.ConnectAsync(timeout.Token);
        const int senders = 8;
        const int each = 250;

        // Bodies of different sizes so that a torn write would shift every later frame.
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(
            async () =>
            {
                for (int i = 0; i < each; i++)
                {
                    uint id = (uint)((s * each) + i + 1);
                    await connection.SendAsync(OutboundFrame.Request(id, TestServer.EchoOperation, new SummaryRequest { Summary = new string((char)('a' + s), 1 + (int)(id % 5000)) }), timeout.Token);
                }
            },
            timeout.Token)));

        var seen = new HashSet<uint>();
        for (int i = 0; i < senders * each; i++)
        {
            InboundFrame reply = await connection.Incoming.ReadAsync(timeout.Token);
            Assert.True(seen.Add(reply.Id));
            Assert.Equal(1 + (int)(reply.Id % 5000), reply.ReadBody<SummaryRequest>().Summary.Length);
        }
    }
}
