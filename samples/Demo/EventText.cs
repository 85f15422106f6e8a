using System.Text.Json;

namespace SlmMesh.Samples.Demo;

/// <summary>Turns an event's JSON data into a short sentence for the transcript.</summary>
internal static class EventText
{
    public static string Describe(MeshEvent meshEvent, string repo)
    {
        using JsonDocument data = JsonDocument.Parse(meshEvent.Data);
        JsonElement root = data.RootElement;
        string Get(string name) => root.TryGetProperty(name, out JsonElement value) ? value.ToString() : "?";
        string Path(string name) => System.IO.Path.GetRelativePath(repo, Get(name));
        return meshEvent.Type switch
        {
            EventTypes.FileLocked => $"{Path("path")} by {Get("holderName")} (token {Get("fencingToken")})",
            EventTypes.FileUnlocked => $"{Path("path")} by {Get("holderName")} ({Get("reason")})",
            EventTypes.StateChanged => $"{Get("namespace")}/{Get("key")} is now version {Get("version")} (by {Get("updatedBy")})",
            _ => meshEvent.Data,
        };
    }
}
