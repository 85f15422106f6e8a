namespace SlmMesh.Discovery;

/// <summary>Which agent launched this process, and that agent's own process.</summary>
/// <param name="AgentType">One of <see cref="AgentTypes"/>.</param>
/// <param name="AgentProcessId">The agent's pid (the process itself when no agent was found).</param>
internal sealed record AgentIdentity(string AgentType, int AgentProcessId);
