using System.Net.Sockets;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>Leaves a socket file that nobody listens on, as a broker killed with SIGKILL does.</summary>
internal static class StaleSocket
{
    public static string Create(SocketDirectory directory, string name = "b.sock")
    {
        // .NET unlinks the path it bound when the socket closes; renaming the file first keeps it, unbound.
        string path = directory.File(name);
        string bound = directory.File("bound-" + name);
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(bound));
            dead.Listen();
            File.Move(bound, path);
        }

        Assert.True(File.Exists(path));
        return path;
    }
}
