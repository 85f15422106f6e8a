using System.Text.Json;
using SlmMesh.Cli.Commands;
using SlmMesh.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SlmMesh.Cli.Top;

/// <summary>Renders a <see cref="TopSnapshot"/>: as Spectre renderables for the live view, or as text / JSON once.</summary>
internal static class TopView
{
    public static IRenderable Live(TopSnapshot snapshot, string userHome, long now)
    {
        BrokerStatus status = snapshot.Status;
        var header = new Markup(Markup.Escape(Formats.Invariant(
            $"slm-mesh top · broker pid {status.ProcessId} · up {Formats.Duration(status.UptimeMs)} · {status.PeersActive} peers · {status.LocksActive} locks · {status.MessagesUnread} unread messages · {Formats.ShortIso(now)}"))
            + "\n[grey]q or Ctrl-C quits[/]");
        return new Rows(
            header,
            Table("Peers", ["Name", "Agent", "Summary", "Last seen"], [.. snapshot.Peers.Select(p => (IReadOnlyList<string>)
                [p.Name, p.AgentType, Formats.Clip(p.Summary, 60), p.Connected ? Formats.Ago(p.LastSeen, now) : "away, " + Formats.Ago(p.LastSeen, now)])]),
            Table("Locks", ["Path", "Holder", "Reason", "Time left"], [.. snapshot.Locks.Select(l => (IReadOnlyList<string>)
                [Formats.Folder(l.Path, userHome), l.HolderName, Formats.Clip(l.Reason, 40), Formats.Duration(l.ExpiresAt - now)])]),
            Table("Messages", ["When", "From", "To", "Type"], [.. TrafficRows(snapshot, now)]));
    }

    public static void Once(CliOutput output, TopSnapshot snapshot, long now)
    {
        if (output.Json)
        {
            output.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WritePropertyName("status");
                JsonText.Status(json, snapshot.Status);
                Array(json, "peers", snapshot.Peers, JsonText.Peer);
                Array(json, "locks", snapshot.Locks, (j, l) => JsonText.Lock(j, l, now));
                Array(json, "traffic", snapshot.Traffic, JsonText.Event);
                json.WriteEndObject();
            });
            return;
        }

        StatusCommand.Describe(output, snapshot.Status);
        output.Line();
        if (snapshot.Peers.Count == 0)
        {
            output.Line("Peers: none");
        }
        else
        {
            PeersCommand.Render(output, snapshot.Peers, now, "Peers");
        }

        output.Line();
        if (snapshot.Locks.Count == 0)
        {
            output.Line("Locks: none");
        }
        else
        {
            LockCommand.Render(output, snapshot.Locks, now, "Locks");
        }

        output.Line();
        if (snapshot.Traffic.Count == 0)
        {
            output.Line("Messages: none recently");
        }
        else
        {
            output.Table(["When", "From", "To", "Type"], [.. TrafficRows(snapshot, now)], "Messages");
        }
    }

    private static IEnumerable<IReadOnlyList<string>> TrafficRows(TopSnapshot snapshot, long now)
    {
        IReadOnlyDictionary<string, string> names = snapshot.Names;
        foreach (MeshEvent sent in snapshot.Traffic.Reverse())
        {
            using JsonDocument data = JsonDocument.Parse(string.IsNullOrEmpty(sent.Data) ? "{}" : sent.Data);
            string Get(string name) => data.RootElement.ValueKind == JsonValueKind.Object && data.RootElement.TryGetProperty(name, out JsonElement value) ? value.ToString() : string.Empty;
            string to = Get("to");
            yield return
            [
                Formats.Ago(sent.CreatedAt, now),
                Get("fromName"),
                to == MessageTargets.All ? "everyone" : names.TryGetValue(to, out string? name) ? name : to,
                Get("type"),
            ];
        }
    }

    private static Table Table(string title, string[] headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey).Expand();
        table.Title(new TableTitle(title, new Style(decoration: Decoration.Bold)));
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        if (rows.Count == 0)
        {
            table.AddRow([new Text("none", new Style(Color.Grey)), .. headers.Skip(1).Select(_ => (IRenderable)Text.Empty)]);
        }

        foreach (IReadOnlyList<string> row in rows)
        {
            table.AddRow([.. row.Select(cell => (IRenderable)new Text(cell))]);
        }

        return table;
    }

    private static void Array<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (T item in items)
        {
            write(json, item);
        }

        json.WriteEndArray();
    }
}
