namespace SlmMesh;

/// <summary>Special message targets.</summary>
public static class MessageTargets
{
    /// <summary>Every other peer (broadcast).</summary>
    public const string All = "all";
}
