using System.CommandLine;
using SlmMesh.Cli.Mesh;
using SlmMesh.Cli.Output;

namespace SlmMesh.Cli.Commands;

/// <summary><c>events</c>: the newest events, or with <c>--follow</c> a live stream until Ctrl-C.</summary>
internal static class EventsCommand
{
    public static Command Create(CommandKit kit)
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events until Ctrl-C." };
        var types = new Option<string[]>("--type", "-t")
        {
            Description = "Only these types; wildcards allowed (file_*, peer_joined). Repeat for more.",
            AllowMultipleArgumentsPerToken = false,
            HelpName = "pattern",
        };
        var since = new Option<long?>("--since") { Description = "Events after this id (instead of the newest ones).", HelpName = "id" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many of the newest events to show first (1-1000).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--limit must be 1 to 1000.");
            }
        });
        var command = new Command("events", "Show the newest mesh events; --follow streams them live (one JSON object per line with --json).") { follow, types, since, limit };
        kit.SetAction(command, async (result, output, ct) =>
        {
            string[] patterns = result.GetValue(types) ?? [];
            await using MeshClient client = await MeshConnector.ObserverAsync(kit.Context, output, ct);
            Dictionary<string, string> names = (await client.ListPeersAsync(cancellationToken: ct)).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
            IReadOnlyList<MeshEvent> first;
            long lastId;
            if (result.GetValue(since) is { } after)
            {
                var page = await client.ReadEventsAsync(after, patterns, result.GetValue(limit), ct);
                (first, lastId) = (page.Events, page.LastId);
            }
            else
            {
                (first, lastId) = await RecentEvents.ReadAsync(client, patterns, result.GetValue(limit), ct);
            }

            if (!result.GetValue(follow))
            {
                PrintList(output, first, lastId, names);
                return ExitCodes.Ok;
            }

            foreach (MeshEvent meshEvent in first)
            {
                Print(output, meshEvent, names);
            }

            if (output.Rich)
            {
                kit.Context.Error.Write("Following events; Ctrl-C stops.\n");
            }

            long from = first.Count > 0 ? first[^1].Id : lastId;
            try
            {
                await foreach (MeshEvent meshEvent in client.WatchEventsAsync(patterns, from, ct))
                {
                    if (meshEvent.Type == EventTypes.PeerJoined && meshEvent.PeerId is { } joined)
                    {
                        names[joined] = EventName(meshEvent) ?? joined;
                    }

                    Print(output, meshEvent, names);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C is how a follow ends.
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void PrintList(CliOutput output, IReadOnlyList<MeshEvent> events, long lastId, IReadOnlyDictionary<string, string> names)
    {
        if (output.Json)
        {
            output.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("events");
                foreach (MeshEvent meshEvent in events)
                {
                    JsonText.Event(json, meshEvent);
                }

                json.WriteEndArray();
                json.WriteNumber("lastId", lastId);
                json.WriteEndObject();
            });
            return;
        }

        if (events.Count == 0)
        {
            output.Line("No events.");
            return;
        }

        foreach (MeshEvent meshEvent in events)
        {
            Print(output, meshEvent, names);
        }
    }

    private static void Print(CliOutput output, MeshEvent meshEvent, IReadOnlyDictionary<string, string> names)
    {
        if (output.Json)
        {
            output.WriteJsonLine(json => JsonText.Event(json, meshEvent));
        }
        else
        {
            output.Line(EventText.Line(meshEvent, names, output.UserHome));
        }
    }

    private static string? EventName(MeshEvent meshEvent)
    {
        try
        {
            using var data = System.Text.Json.JsonDocument.Parse(meshEvent.Data);
            return data.RootElement.TryGetProperty("name", out var name) ? name.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
