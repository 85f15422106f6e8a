using System.Text.Json;

namespace SlmMesh.Testing;

/// <summary>Reading fields of the TestAgent's JSON lines.</summary>
public static class JsonLineExtensions
{
    public static string Str(this JsonElement line, string name) => line.GetProperty(name).GetString() ?? string.Empty;

    public static long Num(this JsonElement line, string name) => line.GetProperty(name).GetInt64();

    public static bool Flag(this JsonElement line, string name) => line.GetProperty(name).GetBoolean();
}
