using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SlmMesh.Broker;

/// <summary>Builds the small JSON objects carried by events, without reflection.</summary>
internal static class EventData
{
    public static string Of(params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach ((string name, object? value) in fields)
            {
                switch (value)
                {
                    case null:
                        writer.WriteNull(name);
                        break;
                    case string s:
                        writer.WriteString(name, s);
                        break;
                    case long l:
                        writer.WriteNumber(name, l);
                        break;
                    case int i:
                        writer.WriteNumber(name, i);
                        break;
                    case bool b:
                        writer.WriteBoolean(name, b);
                        break;
                    case IReadOnlyList<string> list:
                        writer.WriteStartArray(name);
                        foreach (string item in list)
                        {
                            writer.WriteStringValue(item);
                        }

                        writer.WriteEndArray();
                        break;
                    default:
                        throw new ArgumentException($"Unsupported event field type {value.GetType().Name}.", nameof(fields));
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
