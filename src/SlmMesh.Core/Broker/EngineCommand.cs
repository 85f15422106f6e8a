using SlmMesh.Transport.Framing;

namespace SlmMesh.Broker;

/// <summary>What the engine's queue carries: everything that changes broker state goes through it, in order.</summary>
internal readonly record struct EngineCommand(EngineCommandKind Kind, BrokerSession? Session, InboundFrame Frame, Action? Work = null)
{
    public static EngineCommand Opened(BrokerSession session) => new(EngineCommandKind.Opened, session, default);

    public static EngineCommand Request(BrokerSession session, InboundFrame frame) => new(EngineCommandKind.Request, session, frame);

    public static EngineCommand Closed(BrokerSession session) => new(EngineCommandKind.Closed, session, default);

    public static EngineCommand Tick { get; } = new(EngineCommandKind.Tick, null, default);

    public static EngineCommand Invoke(Action work) => new(EngineCommandKind.Invoke, null, default, work);
}

/// <summary>The kinds of <see cref="EngineCommand"/>.</summary>
internal enum EngineCommandKind
{
    Opened,
    Request,
    Closed,
    Tick,
    Invoke,
}
