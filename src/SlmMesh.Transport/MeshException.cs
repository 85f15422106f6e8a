namespace SlmMesh;

/// <summary>
/// The one exception type of the mesh: a stable <see cref="Code"/> from <see cref="MeshErrorCode"/>
/// plus a human message. Failures of the socket itself surface as <see cref="IOException"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1032", Justification = "Every mesh error carries a code; a code-less constructor would invite untyped errors.")]
public class MeshException : Exception
{
    /// <summary>Creates an exception with an error code and a human message.</summary>
    /// <param name="code">A code from <see cref="MeshErrorCode"/>.</param>
    /// <param name="message">A sentence a person can act on.</param>
    public MeshException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates an exception with an error code, a human message and its cause.</summary>
    /// <param name="code">A code from <see cref="MeshErrorCode"/>.</param>
    /// <param name="message">A sentence a person can act on.</param>
    /// <param name="innerException">What caused it.</param>
    public MeshException(string code, string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Creates an exception from the error a broker sent.</summary>
    /// <param name="error">The decoded error body.</param>
    public MeshException(Transport.Messages.ErrorBody error)
        : this(error?.Code ?? MeshErrorCode.Internal, error?.Message ?? "Unknown error.")
    {
        Error = error;
    }

    /// <summary>The stable error code, one of <see cref="MeshErrorCode"/>.</summary>
    public string Code { get; }

    /// <summary>The full error as received from the broker, with details such as the lock holder.</summary>
    public Transport.Messages.ErrorBody? Error { get; }
}
