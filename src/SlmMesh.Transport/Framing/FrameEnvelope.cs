using System.Buffers;
using System.Text;
using MessagePack;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Framing;

/// <summary>
/// The envelope inside every frame: a MessagePack array <c>[kind, id, name, body]</c>. Receivers skip any
/// elements after the fourth, so the envelope itself can grow.
/// </summary>
public static class FrameEnvelope
{
    /// <summary>The longest name (operation, push type or error code) accepted, in UTF-8 bytes.</summary>
    public const int MaxNameLength = 128;

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownNames = BuildKnownNames();

    /// <summary>Decodes the envelope of one frame body, validating that the whole body is well-formed.</summary>
    /// <param name="body">The frame body (without the length prefix).</param>
    /// <returns>The frame; its body bytes are copied, so <paramref name="body"/> can be released.</returns>
    /// <exception cref="MeshException"><c>protocol_error</c> for anything but a valid envelope.</exception>
    public static InboundFrame Decode(ReadOnlySequence<byte> body)
    {
        var reader = new MessagePackReader(body);
        try
        {
            if (reader.NextMessagePackType != MessagePackType.Array)
            {
                throw Invalid("the frame is not a MessagePack array");
            }

            int count = reader.ReadArrayHeader();
            if (count < 4)
            {
                throw Invalid($"the envelope has {count} elements, expected 4");
            }

            if (reader.NextMessagePackType != MessagePackType.Integer)
            {
                throw Invalid("the frame kind is not an integer");
            }

            ulong kind = reader.ReadUInt64();
            if (kind is < (ulong)FrameKind.Hello or > (ulong)FrameKind.Push)
            {
                throw Invalid($"unknown frame kind {kind}");
            }

            uint id = reader.ReadUInt32();
            string name = ReadName(ref reader);
            SequencePosition start = reader.Position;
            WireReader.Skip(ref reader);
            byte[] bodyBytes = body.Slice(start, reader.Position).ToArray();
            for (int i = 4; i < count; i++)
            {
                WireReader.Skip(ref reader);
            }

            if (!reader.End)
            {
                throw Invalid("there are bytes after the envelope");
            }

            return new InboundFrame((FrameKind)kind, id, name, bodyBytes);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException or ArgumentException)
        {
            // ArgumentException: MessagePack's reader throws ArgumentOutOfRangeException for a length past the end of a multi-segment buffer.
            throw new MeshException(MeshErrorCode.ProtocolError, $"Malformed frame: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the envelope of <paramref name="frame"/> (without the length prefix).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="frame">The frame.</param>
    public static void Write(ref MessagePackWriter writer, in OutboundFrame frame)
    {
        writer.WriteArrayHeader(4);
        writer.Write((byte)frame.Kind);
        writer.Write(frame.Id);
        writer.Write(frame.Name);
        if (frame.Body is null)
        {
            writer.WriteMapHeader(0);
        }
        else
        {
            frame.Body.WriteTo(ref writer);
        }
    }

    /// <summary>Encodes a whole frame, length prefix included, into a new array.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>The bytes as they go on the wire.</returns>
    public static byte[] Encode(in OutboundFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Advance(FrameCodec.HeaderSize);
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, frame);
        writer.Flush();
        byte[] bytes = buffer.WrittenSpan.ToArray();
        FrameCodec.WriteHeader(bytes, bytes.Length - FrameCodec.HeaderSize);
        return bytes;
    }

    private static string ReadName(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return string.Empty;
        }

        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw Invalid("the name is not a string");
        }

        ReadOnlySequence<byte> bytes = reader.ReadStringSequence() ?? default;
        if (bytes.Length > MaxNameLength)
        {
            throw Invalid($"the name is longer than {MaxNameLength} bytes");
        }

        Span<byte> utf8 = stackalloc byte[MaxNameLength];
        bytes.CopyTo(utf8);
        utf8 = utf8[..(int)bytes.Length];
        Span<char> chars = stackalloc char[MaxNameLength];
        int length = Encoding.UTF8.GetChars(utf8, chars);
        ReadOnlySpan<char> name = chars[..length];
        return KnownNames.TryGetValue(name, out string? known) ? known : name.ToString();
    }

    private static MeshException Invalid(string what) => new(MeshErrorCode.ProtocolError, $"Malformed frame: {what}.");

    private static Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BuildKnownNames()
    {
        string[] names =
        [
            string.Empty,
            MeshOperations.Register, MeshOperations.Attach, MeshOperations.Leave, MeshOperations.ListPeers, MeshOperations.SetSummary,
            MeshOperations.Send, MeshOperations.Inbox, MeshOperations.Acknowledge,
            MeshOperations.GetState, MeshOperations.SetState, MeshOperations.ListState, MeshOperations.DeleteState,
            MeshOperations.AcquireLock, MeshOperations.ReleaseLock, MeshOperations.QueryLocks,
            MeshOperations.ReadEvents, MeshOperations.Subscribe, MeshOperations.Unsubscribe, MeshOperations.Emit,
            MeshOperations.Status, MeshOperations.Clean, MeshOperations.Shutdown, MeshOperations.Ping,
            MeshPushes.Message, MeshPushes.Event, MeshPushes.Shutdown,
            "hello", "welcome",
        ];
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            map[name] = name;
        }

        return map.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
