using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Connections;

public sealed class HandshakeTests
{
    [Fact]
    public async Task A_client_with_the_right_token_is_welcomed_and_can_talk()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start(o => o with { BrokerName = "test-broker/1.2" });

        await using FrameConnection client = await server.ConnectAsync(timeout.Token);

        WelcomeBody welcome = Assert.IsType<WelcomeBody>(client.Welcome);
        Assert.Equal(ProtocolVersion.Current, welcome.ProtocolVersion);
        Assert.Equal("test-broker/1.2", welcome.Broker);
        Assert.Equal(Environment.ProcessId, welcome.BrokerProcessId);
        Assert.Equal(FrameCodec.DefaultMaxFrameSize, welcome.MaxFrameSize);
        Assert.True(welcome.ConnectionId > 0);
        Assert.InRange(welcome.ServerTime, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.True(client.IsOpen);
        await client.AssertEchoAsync("hi", timeout.Token);
    }

    [Fact]
    public async Task The_broker_side_sees_the_hello_and_the_kernel_credentials()
    {
        using var timeout = Timeouts.After();
        var seen = new TaskCompletionSource<FrameConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(handler: async (connection, ct) =>
        {
            seen.TrySetResult(connection);
            await TestServer.EchoAsync(connection, ct);
        });

        await using FrameConnection client = await server.ConnectAsync(timeout.Token);
        FrameConnection brokerSide = await seen.Task.WaitAsync(timeout.Token);

        Assert.Equal("transport-tests", brokerSide.Hello?.Client);
        Assert.Equal(Environment.ProcessId, brokerSide.Hello?.ProcessId);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(Environment.ProcessId, brokerSide.RemoteCredentials?.ProcessId);
            Assert.Equal(PeerCredentials.CurrentUserId(), brokerSide.RemoteCredentials?.UserId);
        }
    }

    [Fact]
    public async Task A_wrong_token_is_unauthorized()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();

        var ex = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(server.ClientOptions(token: "wrong"), null, timeout.Token));

        Assert.Equal(MeshErrorCode.Unauthorized, ex.Code);
        Assert.Contains("token", ex.Message, StringComparison.OrdinalIgnoreCase);
        await server.Listener.WaitForConnectionCountAsync(0, timeout.Token);
    }

    [Fact]
    public async Task A_token_that_only_shares_a_prefix_is_unauthorized()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();

        var ex = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(server.ClientOptions(token: TestServer.Token + "x"), null, timeout.Token));

        Assert.Equal(MeshErrorCode.Unauthorized, ex.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ProtocolVersion.Current + 1)]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    public async Task An_unsupported_protocol_version_is_refused(int version)
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();

        var ex = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(server.ClientOptions(protocolVersion: version), null, timeout.Token));

        Assert.Equal(MeshErrorCode.UnsupportedVersion, ex.Code);
        Assert.Contains(version.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_of_another_user_is_unauthorized()
    {
        Assert.SkipWhen(PeerCredentials.CurrentUserId() is null, "No user ids on this platform.");
        using var timeout = Timeouts.After();
        uint other = PeerCredentials.CurrentUserId()!.Value + 1;
        await using var server = TestServer.Start(o => o with { AllowedUserId = other });

        var ex = await Assert.ThrowsAsync<MeshException>(() => server.ConnectAsync(timeout.Token));

        Assert.Equal(MeshErrorCode.Unauthorized, ex.Code);
        Assert.Contains($"user {other}", ex.Message, StringComparison.Ordinal);
        await server.Listener.WaitForConnectionCountAsync(0, timeout.Token);
    }

    [Fact]
    public async Task The_user_check_can_be_turned_off()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start(o => o with { AllowedUserId = 12345, RequireSameUser = false });

        await using FrameConnection client = await server.ConnectAsync(timeout.Token);

        await client.AssertEchoAsync("let in", timeout.Token);
    }

    [Fact]
    public async Task A_first_frame_that_is_not_a_hello_is_a_protocol_error()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();
        using RawClient raw = await RawClient.ConnectAsync(server.SocketPath, timeout.Token);

        await raw.SendAsync(OutboundFrame.Request(1, TestServer.EchoOperation, null), timeout.Token);

        ErrorBody error = await raw.ExpectErrorThenEndAsync(MeshErrorCode.ProtocolError, timeout.Token);
        Assert.Contains("hello", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hello_whose_body_is_not_a_hello_is_a_protocol_error()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();
        using RawClient raw = await RawClient.ConnectAsync(server.SocketPath, timeout.Token);

        await raw.SendAsync(new OutboundFrame(FrameKind.Hello, 0, "hello", new RawBody(new byte[] { 0x81, 0xa5, 0x74, 0x6f, 0x6b, 0x65, 0x6e, 0x90 })), timeout.Token);

        await raw.ExpectErrorThenEndAsync(MeshErrorCode.ProtocolError, timeout.Token);
    }

    [Fact]
    public async Task A_hello_without_fields_is_refused_for_its_version()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();
        using RawClient raw = await RawClient.ConnectAsync(server.SocketPath, timeout.Token);

        await raw.SendAsync(new OutboundFrame(FrameKind.Hello, 0, "hello", null), timeout.Token);

        await raw.ExpectErrorThenEndAsync(MeshErrorCode.UnsupportedVersion, timeout.Token);
    }

    [Fact]
    public async Task A_raw_hello_gets_a_welcome_that_decodes_as_documented()
    {
        using var timeout = Timeouts.After();
        await using var server = TestServer.Start();
        using RawClient raw = await RawClient.ConnectAsync(server.SocketPath, timeout.Token);

        await raw.SendAsync(RawClient.Hello(), timeout.Token);
        InboundFrame? welcome = await raw.ReadFrameAsync(timeout.Token);

        Assert.Equal((FrameKind.Welcome, 0u, "welcome"), (welcome?.Kind, welcome?.Id, welcome?.Name));
        Assert.Equal(ProtocolVersion.Current, welcome!.Value.ReadBody<WelcomeBody>().ProtocolVersion);
    }
}
