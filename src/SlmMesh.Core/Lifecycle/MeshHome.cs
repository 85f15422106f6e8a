using System.Security.Cryptography;
using System.Text;

namespace SlmMesh;

/// <summary>
/// The mesh home folder and the files in it: <c>mesh.db</c>, <c>broker.sock</c>, <c>broker.token</c>,
/// <c>broker.lock</c>, <c>broker.log</c>. One broker serves one home.
/// </summary>
public sealed class MeshHome
{
    /// <summary>The environment variable that overrides the home folder.</summary>
    public const string HomeVariable = "SLM_MESH_HOME";

    /// <summary>The longest socket path used as is; longer ones move to a short folder (Unix limit is about 104 bytes).</summary>
    public const int MaxSocketPathBytes = 100;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private MeshHome(string directory)
    {
        Directory = directory;
        SocketPath = ChooseSocketPath(directory);
    }

    /// <summary>The home folder, absolute.</summary>
    public string Directory { get; }

    /// <summary>The SQLite database.</summary>
    public string DatabasePath => Path.Combine(Directory, "mesh.db");

    /// <summary>The broker's Unix socket (under the home unless that path would be too long).</summary>
    public string SocketPath { get; }

    /// <summary>The broker token, rewritten by every broker start.</summary>
    public string TokenPath => Path.Combine(Directory, "broker.token");

    /// <summary>The file a broker holds an exclusive lock on for its whole life (single-broker election).</summary>
    public string LockPath => Path.Combine(Directory, "broker.lock");

    /// <summary>The file a launcher holds a lock on while it starts a broker process, so that only one does.</summary>
    internal string StartingLockPath => Path.Combine(Directory, "broker.starting");

    /// <summary>The broker's log file.</summary>
    public string LogPath => Path.Combine(Directory, "broker.log");

    /// <summary>Where the socket path is recorded when it is not under the home.</summary>
    public string SocketPathRecordPath => Path.Combine(Directory, "broker.sock.path");

    /// <summary>Whether the socket lives outside the home because the home path is too long.</summary>
    public bool SocketRelocated => !string.Equals(Path.GetDirectoryName(SocketPath), Directory, StringComparison.Ordinal);

    /// <summary>
    /// Resolves the home: <paramref name="directory"/> if given, else <c>$SLM_MESH_HOME</c>, else
    /// <c>~/.slm-mesh</c>. Nothing is created.
    /// </summary>
    /// <param name="directory">An explicit home folder, or null.</param>
    /// <returns>The home.</returns>
    public static MeshHome Resolve(string? directory = null)
    {
        string? chosen = directory;
        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = Environment.GetEnvironmentVariable(HomeVariable);
        }

        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".slm-mesh");
        }

        return new MeshHome(Path.GetFullPath(chosen));
    }

    /// <summary>
    /// Creates the home (mode 0700) if needed and tightens its mode if it was looser; likewise the
    /// folder of a relocated socket.
    /// </summary>
    public void EnsureExists()
    {
        CreatePrivateFolder(Directory);
        if (SocketRelocated)
        {
            CreatePrivateFolder(Path.GetDirectoryName(SocketPath)!);
        }
    }

    /// <summary>Reads the current broker token, or null when there is none.</summary>
    /// <returns>The token.</returns>
    public string? ReadToken()
    {
        try
        {
            string token = File.ReadAllText(TokenPath).Trim();
            return token.Length == 0 ? null : token;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Directory;

    internal static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }

        System.IO.Directory.CreateDirectory(path, OwnerOnlyFolder);

        // An existing folder keeps its mode: tighten it. chmod fails for a folder someone else owns,
        // which is what we want for a predictable path in a shared temp folder.
        if (File.GetUnixFileMode(path) != OwnerOnlyFolder)
        {
            File.SetUnixFileMode(path, OwnerOnlyFolder);
        }
    }

    private static string ChooseSocketPath(string directory)
    {
        string inHome = Path.Combine(directory, "broker.sock");
        if (Encoding.UTF8.GetByteCount(inHome) <= MaxSocketPathBytes)
        {
            return inHome;
        }

        // Deterministic, so every client finds the same short path without reading a file first.
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directory)))[..16];
        string? runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string root = !string.IsNullOrEmpty(runtime) && System.IO.Directory.Exists(runtime) ? runtime : Path.GetTempPath();
        string user = OperatingSystem.IsWindows() ? Environment.UserName : Transport.Connections.PeerCredentials.CurrentUserId()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
        return Path.Combine(root, $"slm-mesh-{user}-{hash}", "broker.sock");
    }
}
