using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary><c>inbox</c>: the messages sent to the CLI's identity (replies to what it sent, or messages addressed to it).</summary>
internal static class InboxCommand
{
    public static Command Create(CommandKit kit)
    {
        var all = new Option<bool>("--all") { Description = "Show read messages too, not only new ones." };
        var from = new Option<string?>("--from") { Description = "Only messages from this peer (name or id).", HelpName = "peer" };
        var limit = new Option<int>("--limit") { Description = "At most this many, the newest (1-100).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--limit must be 1 to 100.");
            }
        });
        var peek = new Option<bool>("--peek") { Description = "Leave new messages unread." };
        var command = new Command("inbox", "Show the messages sent to this CLI identity (see 'slm-mesh send'); new ones are marked read.") { all, from, limit, peek };
        kit.SetAction(command, async (result, output, ct) =>
        {
            await using MeshClient client = await MeshConnector.IdentityAsync(kit.Context, output, ct);
            IReadOnlyList<MeshMessage> messages = await client.ReadInboxAsync(
                unreadOnly: !result.GetValue(all),
                from: result.GetValue(from),
                limit: result.GetValue(limit),
                acknowledge: !result.GetValue(peek),
                cancellationToken: ct);
            Render(output, client, messages, result.GetValue(all));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(CliOutput output, MeshClient client, IReadOnlyList<MeshMessage> messages, bool all)
    {
        if (output.Json)
        {
            output.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("peer");
                json.WriteString("id", client.PeerId);
                json.WriteString("name", client.Self?.Name);
                json.WriteEndObject();
                json.WriteStartArray("messages");
                foreach (MeshMessage message in messages)
                {
                    JsonText.Message(json, message);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
            return;
        }

        if (messages.Count == 0)
        {
            output.Line($"No {(all ? string.Empty : "new ")}messages for {client.Self?.Name}.");
            return;
        }

        long now = Formats.Now;
        foreach (MeshMessage message in messages)
        {
            string header = $"From {message.FromName} · {Formats.Ago(message.CreatedAt, now)} · {message.Id}"
                + (message.Type == MessageTypes.Text ? string.Empty : $" · {message.Type}")
                + (message.ReplyTo is null ? string.Empty : $" · reply to {message.ReplyTo}")
                + (message.ReadAt is null ? string.Empty : " · read");
            output.Styled("[bold]" + Spectre.Console.Markup.Escape(header) + "[/]", header);
            foreach (string line in message.Payload.ReplaceLineEndings("\n").Split('\n'))
            {
                output.Line("  " + line);
            }
        }
    }
}
