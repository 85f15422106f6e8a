namespace SlmMesh.Discovery;

/// <summary>One process as seen by <see cref="ProcessTree"/>.</summary>
/// <param name="ProcessId">Its pid.</param>
/// <param name="ParentProcessId">Its parent's pid; 0 when it has none (or the parent is not visible).</param>
/// <param name="Name">The short name the kernel keeps (Linux <c>comm</c>, at most 15 chars; macOS <c>p_comm</c>/<c>pbi_name</c>; Windows image name without <c>.exe</c>).</param>
/// <param name="CommandLine">The arguments joined by spaces, or null when not readable.</param>
internal readonly record struct ProcessEntry(int ProcessId, int ParentProcessId, string Name, string? CommandLine);
