using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Cli.Commands;

/// <summary><c>version</c>: the CLI's version and the running broker's; exit 4 when they differ.</summary>
internal static class VersionCommand
{
    public static Command Create(CommandKit kit)
    {
        var command = new Command("version", "Print the CLI's version and the running broker's (exit 4 when they differ). Never starts a broker.");
        kit.SetAction(command, async (result, output, ct) =>
        {
            BrokerProbe probe = await BrokerControl.ProbeAsync(kit.Context, ct, TimeSpan.FromSeconds(2));
            BrokerStatus? broker = probe.Status;
            bool compatible = !probe.IncompatibleVersion && (broker is null || (broker.Version == CliVersion.Current && broker.ProtocolVersion == ProtocolVersion.Current));
            if (output.Json)
            {
                output.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("cli", CliVersion.Current);
                    json.WriteNumber("protocol", ProtocolVersion.Current);
                    if (probe.IncompatibleVersion)
                    {
                        json.WriteStartObject("broker");
                        json.WriteString("error", probe.Problem!.Message);
                        json.WriteEndObject();
                    }
                    else if (broker is null)
                    {
                        json.WriteNull("broker");
                    }
                    else
                    {
                        json.WriteStartObject("broker");
                        json.WriteString("version", broker.Version);
                        json.WriteNumber("protocolVersion", broker.ProtocolVersion);
                        json.WriteNumber("pid", broker.ProcessId);
                        json.WriteEndObject();
                    }

                    json.WriteBoolean("compatible", compatible);
                    json.WriteEndObject();
                });
            }
            else
            {
                output.Line($"slm-mesh {CliVersion.Current} (protocol {ProtocolVersion.Current})");
                output.Line(probe.IncompatibleVersion ? "broker: " + probe.Problem!.Message
                    : broker is null ? "broker: not running"
                    : $"broker: {broker.Version} (protocol {broker.ProtocolVersion}, pid {broker.ProcessId})");
                if (!compatible)
                {
                    output.Warning("The broker runs another version: 'slm-mesh stop' and it restarts with this one on demand.");
                }
            }

            return compatible ? ExitCodes.Ok : ExitCodes.Conflict;
        });
        return command;
    }
}
