using Microsoft.Extensions.Logging;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Connections;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Stopping_the_listener_tells_every_client_unavailable_and_removes_the_socket()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();
        string path = server.SocketPath;
        await using FrameConnection first = await server.ConnectAsync(timeout.Token);
        await using FrameConnection second = await server.ConnectAsync(timeout.Token);
        await first.AssertEchoAsync("before", timeout.Token);

        await server.Listener.DisposeAsync().AsTask().WaitAsync(timeout.Token);

        foreach (FrameConnection client in new[] { first, second })
        {
            InboundFrame frame = await client.Incoming.ReadAsync(timeout.Token);
            Assert.Equal((FrameKind.Error, MeshErrorCode.Unavailable), (frame.Kind, frame.Name));
            Assert.False(await client.Incoming.WaitToReadAsync(timeout.Token));
        }

        Assert.False(File.Exists(path));
        Assert.Equal(0, server.Listener.ConnectionCount);

        // Handlers that honour the shutdown token stop quietly: a normal stop logs no failure.
        Assert.Empty(server.Logger.At(LogLevel.Warning));
    }

    [Fact]
    public async Task Stopping_the_listener_twice_is_harmless()
    {
        await using var server = TestServer.Start();
        await server.Listener.DisposeAsync();
        await server.Listener.DisposeAsync();
    }

    [Fact]
    public async Task A_client_closing_ends_the_handler_and_the_connection_is_removed()
    {
        using var timeout = Timeouts.After();
        var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(handler: async (connection, ct) =>
        {
            await TestServer.EchoAsync(connection, ct);
            handlerDone.TrySetResult();
        });
        FrameConnection client = await server.ConnectAsync(timeout.Token);
        await server.Listener.WaitForConnectionCountAsync(1, timeout.Token);

        await client.DisposeAsync();
        await client.DisposeAsync();

        await handlerDone.Task.WaitAsync(timeout.Token);
        await server.Listener.WaitForConnectionCountAsync(0, timeout.Token);
        Assert.False(client.IsOpen);
        Assert.Null(client.CloseReason);
        Assert.True(client.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Sending_on_a_closed_connection_fails_clearly()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();
        FrameConnection client = await server.ConnectAsync(timeout.Token);
        await client.DisposeAsync();

        Assert.False(client.TrySend(OutboundFrame.Request(1, MeshOperations.Ping, null)));
        await Assert.ThrowsAsync<IOException>(() => client.SendAsync(OutboundFrame.Request(1, MeshOperations.Ping, null), timeout.Token).AsTask());
    }

    [Fact]
    public async Task A_handler_that_throws_costs_its_connection_only()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start(handler: async (connection, ct) =>
        {
            InboundFrame frame = await connection.Incoming.ReadAsync(ct);
            if (frame.Name == "boom")
            {
                throw new InvalidOperationException("handler defect");
            }

            await connection.SendAsync(OutboundFrame.Response(frame.Id, null), ct);
            await TestServer.EchoAsync(connection, ct);
        });
        await using FrameConnection healthy = await server.ConnectAsync(timeout.Token);
        await healthy.SendAsync(OutboundFrame.Request(1, "first", null), timeout.Token);
        Assert.Equal(FrameKind.Response, (await healthy.Incoming.ReadAsync(timeout.Token)).Kind);
        await using FrameConnection doomed = await server.ConnectAsync(timeout.Token);

        await doomed.SendAsync(OutboundFrame.Request(1, "boom", null), timeout.Token);

        Assert.False(await doomed.Incoming.WaitToReadAsync(timeout.Token));
        await server.Listener.WaitForConnectionCountAsync(1, timeout.Token);
        await healthy.AssertEchoAsync("still here", timeout.Token);
        Assert.Contains(server.Logger.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Frames_too_large_to_send_are_refused_before_they_are_queued()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();
        await using FrameConnection client = await server.ConnectAsync(timeout.Token);

        var ex = Assert.Throws<MeshException>(() => client.TrySend(SizedFrames.Request(FrameCodec.DefaultMaxFrameSize + 1)));
        Assert.Equal(MeshErrorCode.TooLarge, ex.Code);
        ex = await Assert.ThrowsAsync<MeshException>(() => client.SendAsync(SizedFrames.Request(FrameCodec.DefaultMaxFrameSize + 1), timeout.Token).AsTask());
        Assert.Equal(MeshErrorCode.TooLarge, ex.Code);

        // The connection is unharmed, and a frame of exactly the maximum goes through both ways.
        OutboundFrame largest = SizedFrames.Request(FrameCodec.DefaultMaxFrameSize, id: 77);
        await client.SendAsync(largest, timeout.Token);
        InboundFrame echo = await client.Incoming.ReadAsync(timeout.Token);
        Assert.Equal(77u, echo.Id);
        Assert.Equal(((SendRequest)largest.Body!).Payload, echo.ReadBody<SendRequest>().Payload);
    }
}
