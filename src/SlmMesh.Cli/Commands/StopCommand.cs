using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary><c>stop</c>: asks the broker to shut down and waits until its socket is gone.</summary>
internal static class StopCommand
{
    public static Command Create(CommandKit kit)
    {
        var command = new Command("stop", "Stop the broker and wait until it is gone. Connected agents start a new one when they next need it.");
        kit.SetAction(command, (_, output, ct) => RunAsync(kit.Context, output, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CliOutput output, CancellationToken cancellationToken)
    {
        MeshClient client;
        try
        {
            if (!MeshConnector.LooksRunning(context.Home))
            {
                throw new MeshException(MeshErrorCode.Unavailable, "No broker is running.");
            }

            client = await MeshConnector.ExistingObserverAsync(context, cancellationToken);
        }
        catch (MeshException ex) when (ex.Code is MeshErrorCode.Unavailable or MeshErrorCode.Timeout or MeshErrorCode.Unauthorized)
        {
            Report(output, stopped: false, pid: null, "No broker is running.");
            return ExitCodes.Ok;
        }

        await using (client)
        {
            BrokerStatus status = await client.GetStatusAsync(cancellationToken);
            bool gone = await output.WaitAsync("Stopping the broker…", () => BrokerControl.StopAsync(client, context.Home, cancellationToken));
            if (!gone)
            {
                return output.Fail(ExitCodes.Error, MeshErrorCode.Timeout, Formats.Invariant($"The broker (pid {status.ProcessId}) did not stop within 10 s."), "See " + context.Home.LogPath);
            }

            Report(output, stopped: true, status.ProcessId, Formats.Invariant($"Broker stopped (pid {status.ProcessId})."));
            return ExitCodes.Ok;
        }
    }

    private static void Report(CliOutput output, bool stopped, int? pid, string text)
    {
        if (!output.Json)
        {
            output.Line(text);
            return;
        }

        output.WriteJson(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("stopped", stopped);
            if (pid is { } id)
            {
                json.WriteNumber("pid", id);
            }
            else
            {
                json.WriteNull("pid");
            }

            json.WriteEndObject();
        });
    }
}
