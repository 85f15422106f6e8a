using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SlmMesh.Cli.Output;

/// <summary>Writes JSON by hand with <see cref="Utf8JsonWriter"/>: no reflection, so it stays Native AOT safe.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions IndentedOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Renders a document; indented for people reading <c>--json</c>, compact for one-object-per-line streams.</summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedOptions : CompactOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Peer(Utf8JsonWriter json, PeerInfo peer)
    {
        json.WriteStartObject();
        json.WriteString("id", peer.Id);
        json.WriteString("name", peer.Name);
        json.WriteString("agentType", peer.AgentType);
        json.WriteNumber("pid", peer.ProcessId);
        json.WriteNumber("agentPid", peer.AgentProcessId);
        json.WriteString("cwd", peer.Cwd);
        json.WriteString("gitRoot", peer.GitRoot);
        json.WriteString("gitBranch", peer.GitBranch);
        json.WriteString("summary", peer.Summary);
        json.WriteString("connectedAt", Formats.Iso(peer.ConnectedAt));
        json.WriteString("lastSeen", Formats.Iso(peer.LastSeen));
        json.WriteBoolean("connected", peer.Connected);
        json.WriteEndObject();
    }

    public static void Lock(Utf8JsonWriter json, LockInfo info, long now)
    {
        json.WriteStartObject();
        json.WriteString("path", info.Path);
        json.WriteBoolean("isGlob", info.IsGlob);
        json.WriteString("holderId", info.HolderId);
        json.WriteString("holderName", info.HolderName);
        json.WriteString("reason", info.Reason);
        json.WriteNumber("fencingToken", info.FencingToken);
        json.WriteString("acquiredAt", Formats.Iso(info.AcquiredAt));
        json.WriteString("expiresAt", Formats.Iso(info.ExpiresAt));
        json.WriteNumber("expiresInMs", Math.Max(0, info.ExpiresAt - now));
        json.WriteEndObject();
    }

    public static void Message(Utf8JsonWriter json, MeshMessage message)
    {
        json.WriteStartObject();
        json.WriteString("id", message.Id);
        json.WriteString("from", message.From);
        json.WriteString("fromName", message.FromName);
        json.WriteString("to", message.To);
        json.WriteBoolean("broadcast", message.Broadcast);
        json.WriteString("type", message.Type);
        json.WriteString("payload", message.Payload);
        json.WriteString("replyTo", message.ReplyTo);
        json.WriteString("createdAt", Formats.Iso(message.CreatedAt));
        json.WriteString("expiresAt", Formats.Iso(message.ExpiresAt));
        if (message.ReadAt is { } readAt)
        {
            json.WriteString("readAt", Formats.Iso(readAt));
        }
        else
        {
            json.WriteNull("readAt");
        }

        json.WriteEndObject();
    }

    public static void State(Utf8JsonWriter json, StateEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("namespace", entry.Namespace);
        json.WriteString("key", entry.Key);
        json.WriteString("value", entry.Value);
        json.WriteNumber("version", entry.Version);
        json.WriteString("updatedBy", entry.UpdatedBy);
        json.WriteString("updatedAt", Formats.Iso(entry.UpdatedAt));
        json.WriteEndObject();
    }

    public static void Event(Utf8JsonWriter json, MeshEvent meshEvent)
    {
        json.WriteStartObject();
        json.WriteNumber("id", meshEvent.Id);
        json.WriteString("type", meshEvent.Type);
        json.WriteString("peerId", meshEvent.PeerId);
        json.WritePropertyName("data");
        RawOrString(json, meshEvent.Data);
        json.WriteString("createdAt", Formats.Iso(meshEvent.CreatedAt));
        json.WriteEndObject();
    }

    public static void Status(Utf8JsonWriter json, BrokerStatus status)
    {
        json.WriteStartObject();
        json.WriteString("version", status.Version);
        json.WriteNumber("protocolVersion", status.ProtocolVersion);
        json.WriteNumber("pid", status.ProcessId);
        json.WriteString("startedAt", Formats.Iso(status.StartedAt));
        json.WriteNumber("uptimeMs", status.UptimeMs);
        json.WriteString("home", status.Home);
        json.WriteString("socketPath", status.SocketPath);
        json.WriteString("databasePath", status.DatabasePath);
        json.WriteNumber("peersActive", status.PeersActive);
        json.WriteNumber("peersAway", status.PeersAway);
        json.WriteNumber("connections", status.Connections);
        json.WriteNumber("messagesTotal", status.MessagesTotal);
        json.WriteNumber("messagesUnread", status.MessagesUnread);
        json.WriteNumber("locksActive", status.LocksActive);
        json.WriteNumber("eventsTotal", status.EventsTotal);
        json.WriteNumber("lastEventId", status.LastEventId);
        json.WriteNumber("databaseBytes", status.DatabaseBytes);
        json.WriteNumber("walBytes", status.WalBytes);
        json.WriteEndObject();
    }

    public static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Event data is a JSON object from the broker; anything else is written as a string rather than trusted.</summary>
    private static void RawOrString(Utf8JsonWriter json, string data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            json.WriteNullValue();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(data);
        }
    }
}
