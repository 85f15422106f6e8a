namespace SlmMesh;

/// <summary>The scopes peers can be listed in.</summary>
public static class PeerScopes
{
    /// <summary>Every peer on the machine.</summary>
    public const string Machine = "machine";

    /// <summary>Peers whose working folder is the caller's or below it.</summary>
    public const string Directory = "directory";

    /// <summary>Peers in the same git work tree as the caller.</summary>
    public const string Repo = "repo";
}
