using System.Buffers;
using System.Text;
using MessagePack;

namespace SlmMesh.Transport.Wire;

/// <summary>Helpers for hand-written readers: map keys without allocation, nil-tolerant values.</summary>
public static class WireReader
{
    /// <summary>The longest map key a reader recognises; longer keys are unknown and skipped.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Reads a map header, treating nil as an empty map.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The number of key/value pairs that follow.</returns>
    public static int ReadMapHeader(ref MessagePackReader reader) => reader.TryReadNil() ? 0 : reader.ReadMapHeader();

    /// <summary>Reads an array header, treating nil as an empty array.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The number of elements that follow.</returns>
    public static int ReadArrayHeader(ref MessagePackReader reader) => reader.TryReadNil() ? 0 : reader.ReadArrayHeader();

    /// <summary>
    /// Reads a string map key into <paramref name="buffer"/>. A key that is not a string, or longer than
    /// the buffer, reads as length 0 so that the caller skips its value like any unknown key.
    /// </summary>
    /// <param name="reader">The reader positioned at a key.</param>
    /// <param name="buffer">Scratch space of at least <see cref="MaxKeyLength"/> characters.</param>
    /// <returns>How many characters of <paramref name="buffer"/> hold the key.</returns>
    public static int ReadKey(ref MessagePackReader reader, scoped Span<char> buffer)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            Skip(ref reader);
            return 0;
        }

        ReadOnlySequence<byte>? bytes = reader.ReadStringSequence();
        if (bytes is not { } sequence || sequence.Length > buffer.Length)
        {
            return 0;
        }

        return sequence.IsSingleSegment
            ? Encoding.UTF8.GetChars(sequence.FirstSpan, buffer)
            : Encoding.UTF8.GetChars(sequence.ToArray(), buffer);
    }

    /// <summary>Reads a string, or <see langword="null"/> for nil.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The string or null.</returns>
    public static string? ReadNullableString(ref MessagePackReader reader) => reader.ReadString();

    /// <summary>Reads a string, turning nil into the empty string.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The string, never null.</returns>
    public static string ReadString(ref MessagePackReader reader) => reader.ReadString() ?? string.Empty;

    /// <summary>Reads a signed integer, or <see langword="null"/> for nil.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value or null.</returns>
    public static long? ReadNullableInt64(ref MessagePackReader reader) => reader.TryReadNil() ? null : reader.ReadInt64();

    /// <summary>Reads a signed integer, turning nil into zero.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static long ReadInt64(ref MessagePackReader reader) => reader.TryReadNil() ? 0 : reader.ReadInt64();

    /// <summary>Reads a 32-bit signed integer, turning nil into zero.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static int ReadInt32(ref MessagePackReader reader) => reader.TryReadNil() ? 0 : reader.ReadInt32();

    /// <summary>Reads a boolean, turning nil into false.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static bool ReadBoolean(ref MessagePackReader reader) => !reader.TryReadNil() && reader.ReadBoolean();

    /// <summary>Reads an array of strings; nil reads as empty.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The strings, nil elements dropped.</returns>
    public static IReadOnlyList<string> ReadStringList(ref MessagePackReader reader)
    {
        int count = ReadArrayHeader(ref reader);
        if (count == 0)
        {
            return [];
        }

        var list = new List<string>(Math.Min(count, 1024));
        for (int i = 0; i < count; i++)
        {
            if (reader.ReadString() is { } item)
            {
                list.Add(item);
            }
        }

        return list;
    }

    /// <summary>Reads an array of messages; nil reads as empty.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <returns>The elements.</returns>
    public static IReadOnlyList<T> ReadList<T>(ref MessagePackReader reader)
        where T : IWireMessage<T>
    {
        int count = ReadArrayHeader(ref reader);
        if (count == 0)
        {
            return [];
        }

        var list = new List<T>(Math.Min(count, 1024));
        for (int i = 0; i < count; i++)
        {
            list.Add(T.ReadFrom(ref reader));
        }

        return list;
    }

    /// <summary>Reads a nested message, or <see langword="null"/> for nil.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <returns>The message or null.</returns>
    public static T? ReadNullable<T>(ref MessagePackReader reader)
        where T : class, IWireMessage<T> => reader.TryReadNil() ? null : T.ReadFrom(ref reader);

    /// <summary>
    /// Skips one value of any shape without recursion, so a hostile frame of deeply nested arrays
    /// cannot exhaust the stack.
    /// </summary>
    /// <param name="reader">The reader positioned at the value.</param>
    public static void Skip(ref MessagePackReader reader)
    {
        long remaining = 1;
        while (remaining > 0)
        {
            remaining--;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Array:
                    remaining += reader.ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    remaining += 2L * reader.ReadMapHeader();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }
}
