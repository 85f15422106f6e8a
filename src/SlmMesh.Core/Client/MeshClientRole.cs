namespace SlmMesh;

/// <summary>What a <see cref="MeshClient"/> connection is.</summary>
public enum MeshClientRole
{
    /// <summary>A peer: registers, is listed, sends and receives.</summary>
    Peer,

    /// <summary>No identity: reads status, peers, state, locks and events only (the CLI's read commands).</summary>
    Observer,

    /// <summary>
    /// Acts as the peer of the agent that is this process's ancestor (a hook helper of that agent). The broker
    /// checks the ancestry through the socket's credentials.
    /// </summary>
    AgentHelper,
}
