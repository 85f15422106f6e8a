namespace SlmMesh.Cli;

/// <summary>The process exit codes every command uses (SPEC §7).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    public const int Error = 1;

    public const int Usage = 2;

    public const int Unavailable = 3;

    /// <summary>A lock held by another peer, a version mismatch, a compare-and-swap that lost.</summary>
    public const int Conflict = 4;

    /// <summary>The exit code for a mesh error code.</summary>
    public static int For(string code) => code switch
    {
        MeshErrorCode.Unavailable or MeshErrorCode.Timeout => Unavailable,
        MeshErrorCode.Locked or MeshErrorCode.Conflict or MeshErrorCode.UnsupportedVersion => Conflict,
        MeshErrorCode.InvalidArgument or MeshErrorCode.TooLarge => Usage,
        _ => Error,
    };
}
