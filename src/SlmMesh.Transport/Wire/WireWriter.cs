using MessagePack;

namespace SlmMesh.Transport.Wire;

/// <summary>Helpers for hand-written writers.</summary>
public static class WireWriter
{
    /// <summary>Writes an integer, or nil when it has no value.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Write(ref MessagePackWriter writer, long? value)
    {
        if (value is { } v)
        {
            writer.Write(v);
        }
        else
        {
            writer.WriteNil();
        }
    }

    /// <summary>Writes a nested message, or nil.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The message.</param>
    public static void Write(ref MessagePackWriter writer, IWireWritable? value)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else
        {
            value.WriteTo(ref writer);
        }
    }

    /// <summary>Writes an array of strings.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="values">The strings.</param>
    public static void Write(ref MessagePackWriter writer, IReadOnlyList<string> values)
    {
        writer.WriteArrayHeader(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            writer.Write(values[i]);
        }
    }

    /// <summary>Writes an array of messages.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="values">The messages.</param>
    public static void WriteList<T>(ref MessagePackWriter writer, IReadOnlyList<T> values)
        where T : IWireWritable
    {
        writer.WriteArrayHeader(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            values[i].WriteTo(ref writer);
        }
    }
}
