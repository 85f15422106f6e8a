using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Framing;

/// <summary>A frame to send: the envelope fields and a body that writes itself.</summary>
/// <param name="Kind">The frame kind.</param>
/// <param name="Id">The correlation id (0 for pushes).</param>
/// <param name="Name">The operation, push type or error code.</param>
/// <param name="Body">The body, or null for an empty map.</param>
public readonly record struct OutboundFrame(FrameKind Kind, uint Id, string Name, IWireWritable? Body)
{
    /// <summary>A request for <paramref name="operation"/>.</summary>
    /// <param name="id">The correlation id, unique among the caller's pending requests.</param>
    /// <param name="operation">The operation name, see <see cref="MeshOperations"/>.</param>
    /// <param name="body">The request body.</param>
    /// <returns>The frame.</returns>
    public static OutboundFrame Request(uint id, string operation, IWireWritable? body) => new(FrameKind.Request, id, operation, body);

    /// <summary>The successful response to request <paramref name="id"/>.</summary>
    /// <param name="id">The request's correlation id.</param>
    /// <param name="body">The result.</param>
    /// <returns>The frame.</returns>
    public static OutboundFrame Response(uint id, IWireWritable? body) => new(FrameKind.Response, id, string.Empty, body);

    /// <summary>An error answer to request <paramref name="id"/> (0: about the connection).</summary>
    /// <param name="id">The request's correlation id, or 0.</param>
    /// <param name="error">The error.</param>
    /// <returns>The frame.</returns>
    public static OutboundFrame Error(uint id, ErrorBody error) => new(FrameKind.Error, id, error.Code, error);

    /// <summary>A server push.</summary>
    /// <param name="type">The push type, see <see cref="MeshPushes"/>.</param>
    /// <param name="body">The pushed value.</param>
    /// <returns>The frame.</returns>
    public static OutboundFrame Push(string type, IWireWritable body) => new(FrameKind.Push, 0, type, body);
}
