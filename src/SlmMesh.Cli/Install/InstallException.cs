namespace SlmMesh.Cli.Install;

/// <summary>A configuration file the installer cannot safely change (malformed, or in a form it does not edit). Nothing was written.</summary>
internal sealed class InstallException : Exception
{
    public InstallException(string message)
        : base(message)
    {
    }

    public InstallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InstallException()
    {
    }
}
