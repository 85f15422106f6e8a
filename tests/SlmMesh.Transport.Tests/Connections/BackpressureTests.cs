using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Connections;

public sealed class BackpressureTests
{
    [Fact]
    public async Task A_client_that_stops_reading_fills_the_bounded_queue_and_TrySend_refuses()
    {
        using var timeout = Timeouts.After(20);
        var brokerSide = new TaskCompletionSource<FrameConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(
            o => o with { Connection = o.Connection with { OutgoingQueueCapacity = 8 } },
            async (connection, ct) =>
            {
                brokerSide.TrySetResult(connection);
                await release.Task.WaitAsync(ct);
            });
        using RawClient sluggard = await RawClient.ConnectAsync(server.SocketPath, timeout.Token);
        await sluggard.HandshakeAsync(timeout.Token);
        FrameConnection connection = await brokerSide.Task.WaitAsync(timeout.Token);

        // The client reads nothing more: the kernel buffers fill, the write loop blocks, then the queue fills.
        var push = OutboundFrame.Push(MeshPushes.Event, new MeshEvent { Id = 1, Type = "custom", Data = new string('d', 32 * 1024) });
        int queued = 0;
        while (connection.TrySend(push))
        {
            queued++;
            Assert.True(queued < 100_000, "TrySend never refused: the outgoing queue is not bounded.");
        }

        // Kernel buffers (a few hundred KB) plus the 8 queued frames: far from unbounded growth.
        Assert.InRange(queued, 8, 2_000);
        Assert.True(connection.IsOpen);

        // What a broker does with a slow consumer: drop it. The listener then forgets the connection.
        connection.Abort(new MeshException(MeshErrorCode.SlowConsumer, "The client stopped reading."));
        release.TrySetResult();
        await server.Listener.WaitForConnectionCountAsync(0, timeout.Token);
        Assert.Equal(MeshErrorCode.SlowConsumer, Assert.IsType<MeshException>(connection.CloseReason).Code);
    }

    [Fact]
    public async Task SendAsync_waits_for_room_instead_of_failing()
    {
        using var timeout = Timeouts.After(20);
        await using var server = TestServer.Start(o => o with { Connection = o.Connection with { OutgoingQueueCapacity = 2 } });
        await using FrameConnection client = await server.ConnectAsync(timeout.Token);
        const int count = 2_000;

        // 2 000 frames of 4 KB through queues of 2: SendAsync must wait for room, and nothing is lost.
        Task sending = Task.Run(
            async () =>
            {
                for (uint i = 1; i <= count; i++)
                {
                    await client.SendAsync(OutboundFrame.Request(i, TestServer.EchoOperation, new SummaryRequest { Summary = new string('s', 4096) }), timeout.Token);
                }
            },
            timeout.Token);

        for (uint i = 1; i <= count; i++)
        {
            InboundFrame reply = await client.Incoming.ReadAsync(timeout.Token);
            Assert.Equal(i, reply.Id);
        }

        await sending;
    }
}
