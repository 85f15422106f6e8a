namespace SlmMesh.Discovery;

/// <summary>Where a folder's git work tree starts and what it has checked out.</summary>
/// <param name="Root">The folder that contains <c>.git</c> (a work tree root; for a linked worktree, that worktree).</param>
/// <param name="Branch">The branch, the first 12 hex chars of a detached HEAD, or null when unknown.</param>
internal sealed record GitInfo(string Root, string? Branch);
