using System.Globalization;
using System.Runtime.Versioning;
using SlmMesh.Testing;

namespace SlmMesh.Reliability.Tests.Security;

/// <summary>SPEC §3: nothing listens beyond the Unix socket — no TCP or UDP socket at all in the broker process.</summary>
public sealed class NetworkExposureTests
{
    private static readonly string[] InetTables = ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"];

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task The_broker_process_opens_no_network_socket_before_or_while_serving()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Reads /proc.");
        await using var home = new ProcessHome();

        // The broker as the hosts start it: launched by the first client, as a separate process.
        AgentProcess alice = await home.ConnectAgentAsync("alice");
        int brokerPid = (int)alice.Lines("connected")[0].Num("brokerPid");
        (HashSet<long> inetBefore, HashSet<string> listeningBefore) = Sockets(brokerPid);
        AgentProcess bob = await home.ConnectAgentAsync("bob");
        alice.Send("send bob over the unix socket only");
        await bob.WaitForAsync("message");
        (HashSet<long> inetAfter, HashSet<string> listeningAfter) = Sockets(brokerPid);

        Assert.Empty(inetBefore);
        Assert.Empty(inetAfter);
        Assert.Equal([home.Home.SocketPath], listeningBefore);
        Assert.Equal([home.Home.SocketPath], listeningAfter);
        HomeFiles.AssertPrivate(home.Directory, "mesh.db", "broker.sock", "broker.token", "broker.lock", "broker.log");
    }

    /// <summary>The broker's sockets found in the kernel's inet tables, and the paths of its listening Unix sockets.</summary>
    [SupportedOSPlatform("linux")]
    private static (HashSet<long> Inet, HashSet<string> ListeningUnix) Sockets(int pid)
    {
        var inodes = new HashSet<long>();
        foreach (string fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            string? target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(long.Parse(target.AsSpan(8, target.Length - 9), CultureInfo.InvariantCulture));
            }
        }

        Assert.NotEmpty(inodes);
        var inet = new HashSet<long>();
        foreach (string table in InetTables)
        {
            string path = $"/proc/{pid}/net/{table}";
            if (!File.Exists(path))
            {
                continue;
            }

            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            foreach (string line in File.ReadLines(path).Skip(1))
            {
                string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && long.TryParse(columns[9], CultureInfo.InvariantCulture, out long inode) && inodes.Contains(inode))
                {
                    inet.Add(inode);
                }
            }
        }

        // Num RefCount Protocol Flags Type St Inode Path; flag 0x10000 marks a listening socket.
        var listening = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines($"/proc/{pid}/net/unix").Skip(1))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length > 7 && inodes.Contains(long.Parse(columns[6], CultureInfo.InvariantCulture))
                && (int.Parse(columns[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x10000) != 0)
            {
                listening.Add(columns[7]);
            }
        }

        return (inet, listening);
    }
}
