using System.Net.Sockets;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Connections;

public sealed class ConnectorErrorTests
{
    [Fact]
    public async Task A_missing_socket_is_unavailable()
    {
        using var timeout = Timeouts.After();
        using var directory = new SocketDirectory();

        var ex = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(Options(directory.File()), null, timeout.Token));

        Assert.Equal(MeshErrorCode.Unavailable, ex.Code);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_socket_file_left_by_a_dead_broker_is_unavailable()
    {
        using var timeout = Timeouts.After();
        using var directory = new SocketDirectory();
        string path = StaleSocket.Create(directory);

        var ex = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(Options(path), null, timeout.Token));

        Assert.Equal(MeshErrorCode.Unavailable, ex.Code);
        Assert.IsType<SocketException>(ex.InnerException);
    }

    [Fact]
    public async Task A_regular_file_at_the_socket_path_is_unavailable()
    {
        using var timeout = Timeouts.After();
        using var directory = new SocketDirectory();
        await File.WriteAllTextAsync(directory.File(), "not a socket", timeout.Token);

        var ex = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(Options(directory.File()), null, timeout.Token));

        Assert.Equal(MeshErrorCode.Unavailable, ex.Code);
    }

    [Fact]
    public async Task A_broker_that_never_answers_the_hello_is_a_timeout()
    {
        using var timeout = Timeouts.After();
        using var directory = new SocketDirectory();
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Bind(new UnixDomainSocketEndPoint(directory.File()));
        silent.Listen();

        var ex = await Assert.ThrowsAsync<MeshException>(() =>
            FrameConnector.ConnectAsync(Options(directory.File()) with { HandshakeTimeout = TimeSpan.FromMilliseconds(200) }, null, timeout.Token));

        Assert.Equal(MeshErrorCode.Timeout, ex.Code);
    }

    [Fact]
    public async Task A_broker_that_hangs_up_during_the_handshake_is_unavailable()
    {
        using var timeout = Timeouts.After();
        using var directory = new SocketDirectory();
        using var rude = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        rude.Bind(new UnixDomainSocketEndPoint(directory.File()));
        rude.Listen();
        Task hangUp = Task.Run(
            async () =>
            {
                using Socket accepted = await rude.AcceptAsync(timeout.Token);
                accepted.Shutdown(SocketShutdown.Both);
            },
            timeout.Token);

        var ex = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(Options(directory.File()), null, timeout.Token));
        await hangUp;

        Assert.Equal(MeshErrorCode.Unavailable, ex.Code);
    }

    [Fact]
    public async Task A_broker_that_answers_with_garbage_is_a_protocol_error()
    {
        using var timeout = Timeouts.After();
        using var directory = new SocketDirectory();
        using var liar = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        liar.Bind(new UnixDomainSocketEndPoint(directory.File()));
        liar.Listen();
        Task answer = Task.Run(
            async () =>
            {
                using Socket accepted = await liar.AcceptAsync(timeout.Token);
                await accepted.SendAsync(Bytes.Frame([0x94, 0x04, 0x00, 0xa0, 0x80]), timeout.Token);
                byte[] sink = new byte[4096];
                while (await accepted.ReceiveAsync(sink, timeout.Token) > 0)
                {
                }
            },
            timeout.Token);

        var ex = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(Options(directory.File()), null, timeout.Token));
        await answer;

        Assert.Equal(MeshErrorCode.ProtocolError, ex.Code);
        Assert.Contains("Response", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_a_timeout()
    {
        using var directory = new SocketDirectory();
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Bind(new UnixDomainSocketEndPoint(directory.File()));
        silent.Listen();
        using var cancel = Timeouts.After(0.2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FrameConnector.ConnectAsync(Options(directory.File()), null, cancel.Token));
    }

    [Fact]
    public async Task A_listener_replaces_a_stale_socket_file()
    {
        using var timeout = Timeouts.After();
        using var directory = new SocketDirectory();
        string path = StaleSocket.Create(directory);
        await using FrameListener listener = FrameListener.Start(new FrameListenerOptions { SocketPath = path, Token = TestServer.Token }, TestServer.EchoAsync);

        await using FrameConnection client = await FrameConnector.ConnectAsync(Options(path), null, timeout.Token);

        await client.AssertEchoAsync("fresh", timeout.Token);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void A_listener_that_cannot_bind_is_unavailable()
    {
        using var directory = new SocketDirectory();
        string missingFolder = Path.Combine(directory.Path, "no-such-folder", "b.sock");
        string tooLong = Path.Combine(directory.Path, new string('s', 200) + ".sock");

        foreach (string path in new[] { missingFolder, tooLong })
        {
            var ex = Assert.Throws<MeshException>(() => FrameListener.Start(new FrameListenerOptions { SocketPath = path, Token = TestServer.Token }, TestServer.EchoAsync));
            Assert.Equal(MeshErrorCode.Unavailable, ex.Code);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
    }

    private static FrameConnectorOptions Options(string path) => new() { SocketPath = path, Token = TestServer.Token };
}
