using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SlmMesh.Transport.Connections;

/// <summary>
/// Who is at the other end of a Unix domain socket, as the kernel says (SO_PEERCRED on Linux,
/// LOCAL_PEERCRED and LOCAL_PEERPID on macOS). Not forgeable by the peer.
/// </summary>
/// <param name="ProcessId">The peer's process id (0 where the platform does not say).</param>
/// <param name="UserId">The peer's effective user id.</param>
public readonly partial record struct PeerCredentials(int ProcessId, uint UserId)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int SolLocal = 0;
    private const int LocalPeerCred = 1;
    private const int LocalPeerPid = 2;

    /// <summary>Reads the credentials of the process connected to <paramref name="socket"/>.</summary>
    /// <param name="socket">A connected Unix domain socket.</param>
    /// <returns>The credentials, or null on platforms without the facility.</returns>
    public static PeerCredentials? TryGet(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
                Span<byte> ucred = stackalloc byte[12];
                int size = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
                return size < 8
                    ? null
                    : new PeerCredentials(BinaryPrimitives.ReadInt32LittleEndian(ucred), BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]));
            }

            if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
            {
                // struct xucred { u_int cr_version; uid_t cr_uid; short cr_ngroups; gid_t cr_groups[16]; }
                Span<byte> xucred = stackalloc byte[76];
                int size = socket.GetRawSocketOption(SolLocal, LocalPeerCred, xucred);
                uint uid = size >= 8 ? BinaryPrimitives.ReadUInt32LittleEndian(xucred[4..]) : uint.MaxValue;
                Span<byte> pid = stackalloc byte[4];
                int pidSize = OperatingSystem.IsMacOS() ? socket.GetRawSocketOption(SolLocal, LocalPeerPid, pid) : 0;
                return size < 8 ? null : new PeerCredentials(pidSize == 4 ? BinaryPrimitives.ReadInt32LittleEndian(pid) : 0, uid);
            }
        }
        catch (SocketException)
        {
        }

        return null;
    }

    /// <summary>The effective user id of this process, or null on Windows.</summary>
    /// <returns>The uid.</returns>
    public static uint? CurrentUserId() => OperatingSystem.IsWindows() ? null : NativeMethods.geteuid();

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "geteuid")]
        internal static partial uint geteuid();
    }
}
