using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Framing;

/// <summary>
/// A received frame: the decoded envelope and its body, still encoded so the receiver can decode it as
/// the type it expects (the operation decides the request type; the caller knows the response type).
/// </summary>
/// <param name="Kind">The frame kind.</param>
/// <param name="Id">The correlation id (0 for pushes and connection-level errors).</param>
/// <param name="Name">The operation (requests), the push type (pushes), the error code (errors), or empty.</param>
/// <param name="Body">The body: one MessagePack object, usually a map.</param>
public readonly record struct InboundFrame(FrameKind Kind, uint Id, string Name, ReadOnlyMemory<byte> Body)
{
    /// <summary>Decodes the body as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <returns>The decoded body.</returns>
    /// <exception cref="MeshException">Code <c>invalid_argument</c>: the body is not a valid <typeparamref name="T"/>.</exception>
    public T ReadBody<T>()
        where T : IWireMessage<T>
    {
        var reader = new MessagePackReader(Body);
        try
        {
            return T.ReadFrom(ref reader);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException or ArgumentException)
        {
            // ArgumentException: MessagePack's reader throws ArgumentOutOfRangeException for a length past the end of a multi-segment buffer.
            throw new MeshException(MeshErrorCode.InvalidArgument, $"The body of '{Name}' is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }
}
