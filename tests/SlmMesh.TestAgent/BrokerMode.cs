using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SlmMesh.Transport.Connections;

namespace SlmMesh.TestAgent;

/// <summary>Runs a broker the way the hosts do (<see cref="MeshBrokerProcess.RunAsync"/>), without detaching.</summary>
internal static class BrokerMode
{
    private static readonly TimeSpan AnnounceTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(Arguments args)
    {
        var options = new MeshBrokerOptions { Home = args.Required("home") };
        options.IdleShutdown = args.Milliseconds("idle-ms") ?? options.IdleShutdown;
        options.AwayGrace = args.Milliseconds("away-ms") ?? options.AwayGrace;
        options.RestartGrace = args.Milliseconds("restart-grace-ms") ?? options.RestartGrace;
        options.TickInterval = args.Milliseconds("tick-ms") ?? options.TickInterval;
        if (args.Get("queue") is { } queue)
        {
            options.OutgoingQueueCapacity = int.Parse(queue, System.Globalization.CultureInfo.InvariantCulture);
        }

        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        Task<int> run = MeshBrokerProcess.RunAsync(options, detach: false, LogLevel.Debug, stop.Token);
        if (args.Has("announce"))
        {
            await AnnounceAsync(MeshHome.Resolve(options.Home), run);
        }

        if (args.Has("stop-on-eof"))
        {
            // A test that started us closes our stdin to stop us gracefully (the launcher closes it at once: not for those).
            _ = Task.Run(async () =>
            {
                while (await Console.In.ReadLineAsync() is not null)
                {
                }

                await stop.CancelAsync();
            });
        }

        int code = await run;
        Output.Write("exited", w => w.WriteNumber("code", code));
        return code;
    }

    /// <summary>Prints <c>ready</c> once this process's broker answers a hello (a test waits for that line).</summary>
    private static async Task AnnounceAsync(MeshHome home, Task run)
    {
        long deadline = Environment.TickCount64 + (long)AnnounceTimeout.TotalMilliseconds;
        while (!run.IsCompleted && Environment.TickCount64 < deadline)
        {
            if (home.ReadToken() is { } token && File.Exists(home.SocketPath))
            {
                try
                {
                    await using FrameConnection probe = await FrameConnector.ConnectAsync(new FrameConnectorOptions { SocketPath = home.SocketPath, Token = token });
                    if (probe.Welcome?.BrokerProcessId == Environment.ProcessId)
                    {
                        Output.Write("ready", w =>
                        {
                            w.WriteNumber("pid", Environment.ProcessId);
                            w.WriteString("socket", home.SocketPath);
                        });
                        return;
                    }
                }
                catch (MeshException)
                {
                    // Not listening yet, or an older token: look again.
                }
            }

            // The broker process signals nothing when it starts listening: probe again shortly, or stop if it exited.
            await Task.WhenAny(run, Task.Delay(5)); // wait-ok
        }
    }
}
