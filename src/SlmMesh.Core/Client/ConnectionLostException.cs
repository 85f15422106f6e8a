namespace SlmMesh.Client;

/// <summary>The connection a request was sent on closed before the answer came; the request may be retried.</summary>
internal sealed class ConnectionLostException : IOException
{
    public ConnectionLostException()
        : base("The connection to the broker was lost.")
    {
    }

    public ConnectionLostException(string message)
        : base(message)
    {
    }

    public ConnectionLostException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
