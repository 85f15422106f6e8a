namespace SlmMesh;

/// <summary>The limits of advisory file locks.</summary>
public static class LockLimits
{
    /// <summary>The time to live of a lock when none is given.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(10);

    /// <summary>The shortest time to live.</summary>
    public static readonly TimeSpan MinTtl = TimeSpan.FromMinutes(1);

    /// <summary>The longest time to live.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromMinutes(60);

    /// <summary>The longest a lock request may wait for a conflicting lock.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);
}
