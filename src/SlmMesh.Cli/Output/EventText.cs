using System.Text.Json;

namespace SlmMesh.Cli.Output;

/// <summary>Turns an event into a short sentence: "claude locked ~/repo/src/auth/** (refactoring)".</summary>
internal static class EventText
{
    /// <param name="meshEvent">The event.</param>
    /// <param name="names">Peer ids to names, for message recipients (ids stay when unknown).</param>
    /// <param name="userHome">Shown as <c>~</c> in paths.</param>
    public static string Describe(MeshEvent meshEvent, IReadOnlyDictionary<string, string> names, string userHome)
    {
        JsonElement data;
        try
        {
            using JsonDocument document = JsonDocument.Parse(string.IsNullOrWhiteSpace(meshEvent.Data) ? "{}" : meshEvent.Data);
            data = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return meshEvent.Data;
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            return meshEvent.Data;
        }

        string Get(string name) => data.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : string.Empty;
        string Path(string name) => Formats.Folder(Get(name), userHome);
        string Peer(string id) => names.TryGetValue(id, out string? name) ? name : id;
        string Because(string name) => Get(name) is { Length: > 0 } why ? $" ({Formats.Clip(why, 60)})" : string.Empty;
        return meshEvent.Type switch
        {
            EventTypes.PeerJoined => $"{Get("name")} joined ({Get("agentType")}, {Path("cwd")})",
            EventTypes.PeerLeft => $"{Get("name")} left{Because("reason")}",
            EventTypes.PeerUpdated => $"{Get("name")} is working on: {Formats.Clip(Get("summary"), 80)}",
            EventTypes.MessageSent => $"{Get("fromName")} → {(Get("to") == MessageTargets.All ? "everyone" : Peer(Get("to")))} ({Get("type")}, {Get("id")})",
            EventTypes.StateChanged => $"{Get("updatedBy")} set {Get("namespace")}/{Get("key")} (version {Get("version")})",
            EventTypes.StateDeleted => $"{Get("deletedBy")} deleted {Get("namespace")}/{Get("key")}",
            EventTypes.FileLocked => $"{Get("holderName")} {(Get("renewed") == "True" ? "renewed the lock on" : "locked")} {Path("path")}{Because("reason")}",
            EventTypes.FileUnlocked => $"{Get("holderName")} released {Path("path")}{Because("reason")}",
            EventTypes.LockExpired => $"{Get("holderName")}'s lock on {Path("path")} expired",
            _ => Formats.Clip(meshEvent.Data, 120),
        };
    }

    /// <summary>One line: <c>#12  2026-11-29T10:00:00Z  file_locked  claude locked …</c>.</summary>
    public static string Line(MeshEvent meshEvent, IReadOnlyDictionary<string, string> names, string userHome) =>
        Formats.Invariant($"#{meshEvent.Id}  {Formats.ShortIso(meshEvent.CreatedAt)}  {meshEvent.Type,-14}  {Describe(meshEvent, names, userHome)}");
}
