namespace SlmMesh.Transport.Messages;

/// <summary>The push types the broker sends without a request (correlation id 0).</summary>
public static class MeshPushes
{
    /// <summary>A message for the connection's peer: <see cref="MeshMessage"/>. Acknowledge it with <see cref="MeshOperations.Acknowledge"/>.</summary>
    public const string Message = "message";

    /// <summary>An event matching the connection's subscriptions: <see cref="MeshEvent"/>.</summary>
    public const string Event = "event";

    /// <summary>The broker is stopping: <see cref="ErrorBody"/> with code <c>unavailable</c> and the reason.</summary>
    public const string Shutdown = "shutdown";
}
