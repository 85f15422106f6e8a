using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.PingPong;

/// <summary>The listening side: a real <see cref="FrameListener"/>, and the client process it starts.</summary>
internal static class BenchServer
{
    public static async Task<int> RunAsync(PingPongOptions options)
    {
        string folder = Path.Combine(Path.GetTempPath(), "slm-pp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(folder);
        try
        {
            string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var listenerOptions = new FrameListenerOptions
            {
                SocketPath = Path.Combine(folder, "b.sock"),
                Token = token,
                BrokerName = "slm-mesh-pingpong",
            };
            MeshMessage push = BenchProtocol.Message(options.BodyBytes);
            await using FrameListener listener = FrameListener.Start(listenerOptions, (c, ct) => HandleAsync(c, push, ct));

            using var client = Process.Start(ClientStartInfo(options, listenerOptions.SocketPath, token))
                ?? throw new InvalidOperationException("Could not start the client process.");
            string output = await client.StandardOutput.ReadToEndAsync();
            await client.WaitForExitAsync();
            if (client.ExitCode != 0)
            {
                Console.Error.WriteLine($"The client process failed with exit code {client.ExitCode}.");
                return 1;
            }

            using JsonDocument results = JsonDocument.Parse(output);
            Report.Print(results.RootElement, options);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task HandleAsync(FrameConnection connection, MeshMessage push, CancellationToken cancellationToken)
    {
        long flooded = 0;
        await foreach (InboundFrame frame in connection.Incoming.ReadAllAsync(cancellationToken))
        {
            switch (frame.Name)
            {
                case BenchProtocol.Ping:
                    await connection.SendAsync(OutboundFrame.Response(frame.Id, frame.ReadBody<SendRequest>()), cancellationToken);
                    break;
                case BenchProtocol.Flood:
                    // Decoded like a broker would, then counted.
                    if (frame.ReadBody<SendRequest>().Payload.Length >= 0)
                    {
                        flooded++;
                    }

                    break;
                case BenchProtocol.FloodEnd:
                    await connection.SendAsync(OutboundFrame.Response(frame.Id, new FloodReport { Count = flooded }), cancellationToken);
                    flooded = 0;
                    break;
                case BenchProtocol.PushFlood:
                    long count = frame.ReadBody<FloodReport>().Count;
                    var pushFrame = OutboundFrame.Push(MeshPushes.Message, push);
                    for (long i = 0; i < count; i++)
                    {
                        await connection.SendAsync(pushFrame, cancellationToken);
                    }

                    await connection.SendAsync(OutboundFrame.Response(frame.Id, new FloodReport { Count = count }), cancellationToken);
                    break;
                default:
                    await connection.SendAsync(OutboundFrame.Error(frame.Id, new ErrorBody { Code = MeshErrorCode.UnknownOperation, Message = frame.Name }), cancellationToken);
                    break;
            }
        }
    }

    private static ProcessStartInfo ClientStartInfo(PingPongOptions options, string socket, string token)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown process path.");
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };

        // Started as `dotnet SlmMesh.PingPong.dll`: the client needs the dll too (a Native AOT build has no dll).
        if (Path.GetFileNameWithoutExtension(self) == "dotnet" && AppContext.BaseDirectory is { } baseDirectory)
        {
            info.ArgumentList.Add(Path.Combine(baseDirectory, Assembly.GetEntryAssembly()!.GetName().Name + ".dll"));
        }

        foreach (string argument in options.ClientArguments(socket, token))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
