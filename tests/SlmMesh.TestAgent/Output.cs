using System.Text;
using System.Text.Json;

namespace SlmMesh.TestAgent;

/// <summary>One JSON object per line on stdout, flushed at once: the tests' synchronisation points.</summary>
internal static class Output
{
    private static readonly Lock Gate = new();
    private static readonly Stream Stdout = Console.OpenStandardOutput();

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static void Write(string kind, Action<Utf8JsonWriter>? fields = null)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", kind);
            writer.WriteNumber("ts", Now);
            fields?.Invoke(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        lock (Gate)
        {
            try
            {
                Stdout.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
                Stdout.Flush();
            }
            catch (IOException)
            {
                // Nobody reads us any more (a broker launched with its stdout closed).
            }
        }
    }

    public static void Error(string operation, Exception exception, Action<Utf8JsonWriter>? fields = null) =>
        Write("error", w =>
        {
            w.WriteString("op", operation);
            w.WriteString("code", exception is MeshException mesh ? mesh.Code : exception.GetType().Name);
            w.WriteString("message", Flatten(exception.Message));
            fields?.Invoke(w);
        });

    private static string Flatten(string text) => new StringBuilder(text).Replace('\n', ' ').Replace('\r', ' ').ToString();
}
