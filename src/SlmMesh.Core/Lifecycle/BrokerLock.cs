using System.Globalization;
using System.Text;

namespace SlmMesh.Lifecycle;

/// <summary>
/// The single-broker election: an exclusive lock on <c>broker.lock</c>, held for the broker's whole life
/// (an flock on Unix, released by the kernel when the process dies, even by SIGKILL). The holder writes
/// its pid into the file for diagnostics.
/// </summary>
internal sealed class BrokerLock : IDisposable
{
    private readonly FileStream _stream;

    private BrokerLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Takes the lock, or returns null at once when another process holds it.</summary>
    public static BrokerLock? TryAcquire(MeshHome home)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(home.LockPath, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            PrivateFiles.Restrict(home.LockPath);
        }
        catch (IOException)
        {
            return null;
        }

        try
        {
            stream.SetLength(0);
            stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush();
        }
        catch (IOException)
        {
            // The pid is only informative.
        }

        return new BrokerLock(stream);
    }

    /// <summary>Whether some process holds the lock now (a broker is running or starting).</summary>
    public static bool IsHeld(MeshHome home)
    {
        using BrokerLock? probe = TryAcquire(home);
        return probe is null && File.Exists(home.LockPath);
    }

    public void Dispose() => _stream.Dispose();
}
