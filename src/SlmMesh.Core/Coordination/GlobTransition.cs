namespace SlmMesh.Coordination;

/// <summary>An edge of a glob automaton: any character of <see cref="Set"/> leads to <see cref="Target"/>.</summary>
internal readonly record struct GlobTransition(CharSet Set, int Target);
