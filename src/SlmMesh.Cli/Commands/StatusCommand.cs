using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary><c>status</c>: whether the broker runs, and its statistics. Never starts one.</summary>
internal static class StatusCommand
{
    public static Command Create(CommandKit kit)
    {
        var command = new Command("status", "Show whether the broker runs and its statistics. Never starts a broker: exit 3 when none runs.");
        kit.SetAction(command, (_, output, ct) => RunAsync(kit.Context, output, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CliOutput output, CancellationToken cancellationToken)
    {
        MeshHome home = context.Home;
        BrokerProbe probe = await BrokerControl.ProbeAsync(context, cancellationToken);
        BrokerStatus? status = probe.Status;
        if (probe.IncompatibleVersion)
        {
            return output.Fail(ExitCodes.Conflict, MeshErrorCode.UnsupportedVersion, probe.Problem!.Message, BrokerProbe.IncompatibleFix);
        }

        if (status is null)
        {
            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteBoolean("running", false);
                    json.WriteString("home", home.Directory);
                    json.WriteString("socketPath", home.SocketPath);
                    json.WriteString("reason", probe.Problem?.Message);
                    json.WriteString("cliVersion", CliVersion.Current);
                    json.WriteEndObject();
                });
            }
            else
            {
                output.Warning($"No broker is running for {Formats.Folder(home.Directory, output.UserHome)}.");
                output.Line("It starts on demand (any agent, or any slm-mesh command that needs it), or with 'slm-mesh start'.");
            }

            return ExitCodes.Unavailable;
        }

        if (output.Json)
        {
            output.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteBoolean("running", true);
                json.WriteString("home", home.Directory);
                json.WriteString("socketPath", home.SocketPath);
                json.WritePropertyName("broker");
                JsonText.Status(json, status);
                json.WriteString("cliVersion", CliVersion.Current);
                json.WriteEndObject();
            });
            return ExitCodes.Ok;
        }

        Describe(output, status);
        return ExitCodes.Ok;
    }

    /// <summary>The status as short labelled lines (shared with <c>start</c>).</summary>
    public static void Describe(CliOutput output, BrokerStatus status)
    {
        string Folder(string path) => Formats.Folder(path, output.UserHome);
        output.Success(Formats.Invariant($"Broker running (pid {status.ProcessId}, version {status.Version}, up {Formats.Duration(status.UptimeMs)})"));
        output.Fields(
            [
                ("home", Folder(status.Home)),
                ("socket", Folder(status.SocketPath)),
                ("database", Formats.Invariant($"{Folder(status.DatabasePath)} ({Formats.Bytes(status.DatabaseBytes)}, WAL {Formats.Bytes(status.WalBytes)})")),
                ("peers", Formats.Invariant($"{status.PeersActive} active, {status.PeersAway} away ({status.Connections} connections)")),
                ("messages", Formats.Invariant($"{status.MessagesTotal} stored, {status.MessagesUnread} unread")),
                ("locks", Formats.Invariant($"{status.LocksActive} held")),
                ("events", Formats.Invariant($"{status.EventsTotal} stored (last #{status.LastEventId})")),
            ]);
    }
}
