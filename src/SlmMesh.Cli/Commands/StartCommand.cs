using System.CommandLine;
using System.Globalization;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary><c>start</c>: a detached broker that outlives the command (or, with <c>--foreground</c>, this process as the broker).</summary>
internal static class StartCommand
{
    public static Command Create(CommandKit kit)
    {
        var foreground = new Option<bool>("--foreground") { Description = "Run the broker in this process until Ctrl-C, without detaching; it does not stop when idle." };
        var idle = new Option<int?>("--idle-shutdown")
        {
            Description = "Seconds the broker waits after the last peer leaves before it exits (default 60; 0 = never).",
            HelpName = "seconds",
        };
        idle.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--idle-shutdown must be 0 or more seconds.");
            }
        });
        var command = new Command("start", "Start the broker in the background (it normally starts on demand) and wait until it answers.") { foreground, idle };
        kit.SetAction(command, (result, output, ct) => result.GetValue(foreground)
            ? ForegroundAsync(kit.Context, output, result.GetValue(idle), ct)
            : BackgroundAsync(kit.Context, output, result.GetValue(idle), ct));
        return command;
    }

    private static async Task<int> BackgroundAsync(CliContext context, CliOutput output, int? idleSeconds, CancellationToken cancellationToken)
    {
        BrokerProbe probe = await BrokerControl.ProbeAsync(context, cancellationToken);
        if (probe.IncompatibleVersion)
        {
            return output.Fail(ExitCodes.Conflict, MeshErrorCode.UnsupportedVersion, probe.Problem!.Message, BrokerProbe.IncompatibleFix);
        }

        BrokerStatus? running = probe.Status;
        bool started = running is null;
        BrokerStatus status = running ?? await output.WaitAsync(
            "Starting the mesh broker…",
            () => BrokerControl.StartAsync(context, BrokerCommand.Arguments(idleSeconds), cancellationToken));
        if (output.Json)
        {
            output.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteBoolean("running", true);
                json.WriteBoolean("started", started);
                json.WriteNumber("pid", status.ProcessId);
                json.WriteString("home", status.Home);
                json.WriteString("version", status.Version);
                json.WriteEndObject();
            });
            return ExitCodes.Ok;
        }

        string home = Formats.Folder(status.Home, output.UserHome);
        if (started)
        {
            output.Success(Formats.Invariant($"Broker started (pid {status.ProcessId}) for {home}."));
        }
        else
        {
            output.Line(Formats.Invariant($"A broker already runs (pid {status.ProcessId}) for {home}."));
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> ForegroundAsync(CliContext context, CliOutput output, int? idleSeconds, CancellationToken cancellationToken)
    {
        BrokerProbe probe = await BrokerControl.ProbeAsync(context, cancellationToken);
        if (probe.IncompatibleVersion)
        {
            return output.Fail(ExitCodes.Conflict, MeshErrorCode.UnsupportedVersion, probe.Problem!.Message, BrokerProbe.IncompatibleFix);
        }

        BrokerStatus? running = probe.Status;
        if (running is not null)
        {
            return output.Fail(
                ExitCodes.Conflict,
                MeshErrorCode.Conflict,
                Formats.Invariant($"A broker already runs for {running.Home} (pid {running.ProcessId})."),
                "Stop it first with 'slm-mesh stop'.");
        }

        MeshHome home = context.Home;
        if (!output.Json)
        {
            output.Line(Formats.Invariant($"Broker for {Formats.Folder(home.Directory, output.UserHome)} running in the foreground (pid {Environment.ProcessId}); Ctrl-C stops it."));
            output.Line($"Log: {Formats.Folder(home.LogPath, output.UserHome)}");
            await context.Output.FlushAsync(cancellationToken);
        }

        var options = new MeshBrokerOptions
        {
            Home = home.Directory,
            IdleShutdown = idleSeconds is > 0 ? TimeSpan.FromSeconds(idleSeconds.Value) : Timeout.InfiniteTimeSpan,
        };
        int code = await MeshBrokerProcess.RunAsync(options, detach: false, BrokerCommand.LogLevel(context), cancellationToken);
        if (output.Json)
        {
            output.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteBoolean("stopped", true);
                json.WriteNumber("exitCode", code);
                json.WriteEndObject();
            });
        }
        else
        {
            output.Line(code == 0 ? "Broker stopped." : "The broker could not start: see " + home.LogPath);
        }

        return code == 0 ? ExitCodes.Ok : ExitCodes.Error;
    }

    internal static string Seconds(int value) => value.ToString(CultureInfo.InvariantCulture);
}
