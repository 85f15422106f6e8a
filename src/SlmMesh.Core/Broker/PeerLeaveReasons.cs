namespace SlmMesh;

/// <summary>The reasons a <c>peer_left</c> event gives.</summary>
public static class PeerLeaveReasons
{
    /// <summary>It said goodbye (its client was disposed).</summary>
    public const string Left = "left";

    /// <summary>Its connection closed and it did not come back within the grace period.</summary>
    public const string Disconnected = "disconnected";

    /// <summary>Its process ended (for example killed).</summary>
    public const string ProcessExited = "process_exited";

    /// <summary>It was connected to a previous broker and did not re-register after the restart.</summary>
    public const string BrokerRestart = "broker_restart";
}
