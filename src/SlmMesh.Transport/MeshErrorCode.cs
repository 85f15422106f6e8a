namespace SlmMesh;

/// <summary>
/// The stable error codes of the mesh. They travel on the wire as these exact strings and never change
/// meaning; new codes may be added, so treat an unknown code like <see cref="Internal"/>.
/// </summary>
public static class MeshErrorCode
{
    /// <summary>The peer, message, key or lock named by the request does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>A compare-and-swap failed: the current version differs from the expected one.</summary>
    public const string Conflict = "conflict";

    /// <summary>The file or glob is locked by another peer.</summary>
    public const string Locked = "locked";

    /// <summary>A payload, value, summary or frame exceeds its configured limit.</summary>
    public const string TooLarge = "too_large";

    /// <summary>An argument is missing, malformed or out of range.</summary>
    public const string InvalidArgument = "invalid_argument";

    /// <summary>Wrong token, wrong user, or an operation on behalf of another peer.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>No broker answers: it is not running, starting, or shutting down.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The peer speaks a protocol version this side does not support.</summary>
    public const string UnsupportedVersion = "unsupported_version";

    /// <summary>The bytes received do not form a valid frame or message.</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>The request names an operation the broker does not know.</summary>
    public const string UnknownOperation = "unknown_operation";

    /// <summary>The operation did not complete within its time limit.</summary>
    public const string Timeout = "timeout";

    /// <summary>The request requires a registered peer and the connection has none.</summary>
    public const string NotRegistered = "not_registered";

    /// <summary>The receiver could not keep up and its bounded queue overflowed.</summary>
    public const string SlowConsumer = "slow_consumer";

    /// <summary>The broker's storage failed (disk full, read-only, corrupt); nothing was changed.</summary>
    public const string StorageError = "storage_error";

    /// <summary>An unexpected failure inside the broker.</summary>
    public const string Internal = "internal";
}
