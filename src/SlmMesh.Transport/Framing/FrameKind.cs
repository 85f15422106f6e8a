namespace SlmMesh.Transport.Framing;

/// <summary>
/// The first element of every frame's envelope. The set is closed: a receiver that gets any other value
/// answers with a <c>protocol_error</c> and closes the connection. New features are new operation names,
/// never new kinds.
/// </summary>
public enum FrameKind : byte
{
    /// <summary>Client to broker, first frame: <see cref="Messages.HelloBody"/>.</summary>
    Hello = 1,

    /// <summary>Broker to client, answer to a valid hello: <see cref="Messages.WelcomeBody"/>.</summary>
    Welcome = 2,

    /// <summary>Client to broker: an operation with a correlation id.</summary>
    Request = 3,

    /// <summary>Broker to client: the successful result of the request with the same correlation id.</summary>
    Response = 4,

    /// <summary>Either way: <see cref="Messages.ErrorBody"/>; correlation id 0 when it concerns the connection.</summary>
    Error = 5,

    /// <summary>Broker to client, unsolicited (a message or an event); correlation id 0.</summary>
    Push = 6,
}
