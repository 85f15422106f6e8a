using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Cli.Commands;

/// <summary><c>send</c> and <c>broadcast</c>: a message from the CLI's identity to one peer or to all.</summary>
internal static class SendCommand
{
    public static Command CreateSend(CommandKit kit)
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name or id (see 'slm-mesh peers')." };
        Argument<string> message = MessageArguments.Text();
        Option<string> type = MessageArguments.Type();
        var replyTo = new Option<string?>("--reply-to") { Description = "The id of the message this answers.", HelpName = "message-id" };
        var command = new Command("send", "Send a message to one peer. It is stored until the peer reads it.") { peer, message, type, replyTo };
        kit.SetAction(command, async (result, output, ct) =>
        {
            string text = await MessageArguments.ReadAsync(kit.Context, result.GetValue(message)!, ct);
            await using MeshClient client = await MeshConnector.IdentityAsync(kit.Context, output, ct);
            SendResponse sent = await client.SendAsync(result.GetValue(peer)!, text, result.GetValue(type) ?? MessageTypes.Text, result.GetValue(replyTo), ct);
            return Report(output, client, sent, result.GetValue(peer)!);
        });
        return command;
    }

    public static Command CreateBroadcast(CommandKit kit)
    {
        Argument<string> message = MessageArguments.Text();
        Option<string> type = MessageArguments.Type();
        var command = new Command("broadcast", "Send a message to every peer on the mesh.") { message, type };
        kit.SetAction(command, async (result, output, ct) =>
        {
            string text = await MessageArguments.ReadAsync(kit.Context, result.GetValue(message)!, ct);
            await using MeshClient client = await MeshConnector.IdentityAsync(kit.Context, output, ct);
            SendResponse sent = await client.BroadcastAsync(text, result.GetValue(type) ?? MessageTypes.Text, ct);
            return Report(output, client, sent, MessageTargets.All);
        });
        return command;
    }

    private static int Report(CliOutput output, MeshClient client, SendResponse sent, string to)
    {
        if (output.Json)
        {
            output.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteString("id", sent.Id);
                json.WriteString("from", client.PeerId);
                json.WriteString("fromName", client.Self?.Name);
                json.WriteString("to", to);
                JsonText.Strings(json, "recipients", sent.Recipients);
                json.WriteString("createdAt", Formats.Iso(sent.CreatedAt));
                json.WriteEndObject();
            });
            return ExitCodes.Ok;
        }

        if (to == MessageTargets.All)
        {
            if (sent.Recipients.Count == 0)
            {
                output.Warning("No other peer is on the mesh: nobody got the broadcast.");
            }
            else
            {
                output.Success(Formats.Invariant($"Broadcast to {sent.Recipients.Count} peer{(sent.Recipients.Count == 1 ? string.Empty : "s")} ({sent.Id})."));
            }
        }
        else
        {
            output.Success($"Sent to {to} ({sent.Id}).");
        }

        output.Line($"Replies to {client.Self?.Name} wait for 'slm-mesh inbox' (run from this folder, or with the same SLM_MESH_NAME).");
        return ExitCodes.Ok;
    }
}
