using System.Runtime.Versioning;
using System.Text.Json;
using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Testing;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Reliability.Tests.Security;

/// <summary>SPEC §8: the hello must carry the current token and protocol version, from a process of the same user.</summary>
public sealed class AuthenticationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_token_an_unknown_version_or_no_hello_is_refused_and_the_broker_keeps_serving()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync(o => o with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        string token = mesh.Home.ReadToken()!;
        var good = new FrameConnectorOptions { SocketPath = mesh.Home.SocketPath, Token = token };

        var wrongToken = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(good with { Token = new string('0', 64) }, null, Ct));
        var oldToken = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(good with { Token = token[..^1] }, null, Ct));
        var wrongVersion = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(good with { ProtocolVersion = ProtocolVersion.Current + 1 }, null, Ct));
        var silent = await Assert.ThrowsAsync<MeshException>(() => SilentClientAsync(mesh.Home.SocketPath));

        Assert.Equal(MeshErrorCode.Unauthorized, wrongToken.Code);
        Assert.Equal(MeshErrorCode.Unauthorized, oldToken.Code);
        Assert.Equal(MeshErrorCode.UnsupportedVersion, wrongVersion.Code);
        Assert.Equal(MeshErrorCode.Timeout, silent.Code);
        MeshClient client = await mesh.ConnectAsync("still-served");
        await client.PingAsync(Ct);
        HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock");
    }

    [Fact]
    public async Task A_listener_refuses_a_process_of_a_user_it_does_not_serve()
    {
        string directory = InProcessMesh.NewDirectory();
        uint me = PeerCredentials.CurrentUserId() ?? 0;
        var options = new FrameListenerOptions { SocketPath = Path.Combine(directory, "s.sock"), Token = "t", AllowedUserId = me + 1 };
        await using (FrameListener listener = FrameListener.Start(options, (_, _) => Task.CompletedTask))
        {
            var refused = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(new FrameConnectorOptions { SocketPath = options.SocketPath, Token = "t" }, null, Ct));

            Assert.Equal(MeshErrorCode.Unauthorized, refused.Code);
            Assert.Contains($"user {me}", refused.Message, StringComparison.Ordinal);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_process_of_another_user_is_refused_even_when_the_files_would_let_it_in()
    {
        Assert.SkipUnless(Privileged.IsRoot && File.Exists("/usr/bin/setpriv"), "Needs root and setpriv to run a client as user nobody.");
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        string token = mesh.Home.ReadToken()!;
        string agent = CopyAgentForEveryone();
        try
        {
            // As configured (home 0700), the other user cannot even reach the socket.
            JsonElement blocked = await HelloAsNobodyAsync(agent, mesh.Home.SocketPath, token);

            // Even with the files opened up by mistake, the broker's SO_PEERCRED check refuses the user.
            File.SetUnixFileMode(mesh.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(mesh.Home.SocketPath, (UnixFileMode)0b110_110_110);
            JsonElement refused = await HelloAsNobodyAsync(agent, mesh.Home.SocketPath, token);
            File.SetUnixFileMode(mesh.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(mesh.Home.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            Assert.True(blocked.Str("event") == "error" && blocked.Str("code") == MeshErrorCode.Unavailable, blocked.GetRawText());
            Assert.True(refused.Str("event") == "error" && refused.Str("code") == MeshErrorCode.Unauthorized, refused.GetRawText());
            Assert.Contains("user 65534", refused.Str("message"), StringComparison.Ordinal);
            await (await mesh.ConnectAsync("owner")).PingAsync(Ct);
            HomeFiles.AssertPrivate(mesh.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock");
        }
        finally
        {
            Directory.Delete(agent, recursive: true);
        }
    }

    private static async Task<JsonElement> HelloAsNobodyAsync(string agentDirectory, string socket, string token)
    {
        await using AgentProcess hello = AgentProcess.Start(
            "nobody",
            ["hello", "--socket", socket, "--token", token],
            wrapper: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
            dll: Path.Combine(agentDirectory, "SlmMesh.TestAgent.dll"),
            environment: new Dictionary<string, string> { ["HOME"] = Path.GetTempPath(), ["DOTNET_CLI_HOME"] = Path.GetTempPath() });
        await hello.WaitForExitAsync(AgentProcess.DefaultWait);
        JsonElement? line = hello.Lines("error").Concat(hello.Lines("welcome")).Cast<JsonElement?>().FirstOrDefault();
        return line ?? throw new InvalidOperationException("The hello printed no result.\n" + hello.Transcript());
    }

    /// <summary>The test output folder may not be readable by another user: copy the TestAgent somewhere that is.</summary>
    [SupportedOSPlatform("linux")]
    private static string CopyAgentForEveryone()
    {
        string target = InProcessMesh.NewDirectory("slm-agent-");
        foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(AppContext.BaseDirectory, file);
            if (relative.StartsWith("TestResults", StringComparison.Ordinal) || !(relative.EndsWith(".dll", StringComparison.Ordinal) || relative.EndsWith(".json", StringComparison.Ordinal) || relative.EndsWith(".so", StringComparison.Ordinal)))
            {
                continue;
            }

            string destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        foreach (string path in Directory.EnumerateFileSystemEntries(target, "*", SearchOption.AllDirectories).Append(target))
        {
            File.SetUnixFileMode(path, Directory.Exists(path) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        }

        return target;
    }

    /// <summary>Connects and never says hello: the broker must give up on it.</summary>
    private static async Task SilentClientAsync(string socketPath)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath), Ct);
        byte[] buffer = new byte[4096];
        int total = 0;
        int read;
        while ((read = await socket.ReceiveAsync(buffer.AsMemory(total), Ct)) > 0)
        {
            total += read;
        }

        var sequence = new System.Buffers.ReadOnlySequence<byte>(buffer, 0, total);
        Assert.True(Transport.Framing.FrameCodec.TryReadFrame(ref sequence, 1 << 20, out var body));
        var frame = Transport.Framing.FrameEnvelope.Decode(body);
        throw new MeshException(frame.ReadBody<ErrorBody>());
    }
}
