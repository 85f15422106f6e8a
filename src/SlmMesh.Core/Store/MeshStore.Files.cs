using System.Globalization;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly string[] SidecarSuffixes = ["-wal", "-shm"];

    /// <summary>Creates the database file owner-only before SQLite opens it, so it is never readable by others, not even briefly.</summary>
    private static void CreateFileIfMissing(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (File.Exists(path))
        {
            File.SetUnixFileMode(path, OwnerOnly);
            return;
        }

        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnly,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by someone else between the check and the create: fine, tighten it below.
        }

        // The create mode is filtered by the umask; set it explicitly to be exact.
        File.SetUnixFileMode(path, OwnerOnly);
    }

    /// <summary>SQLite creates -wal and -shm with the database's mode; set it anyway in case the file predates us.</summary>
    private static void RestrictSidecarFiles(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (string suffix in SidecarSuffixes)
        {
            string sidecar = path + suffix;
            if (File.Exists(sidecar))
            {
                File.SetUnixFileMode(sidecar, OwnerOnly);
            }
        }
    }

    /// <summary>
    /// Renames the database to <c>&lt;name&gt;.corrupt-&lt;stamp&gt;</c> and its -wal/-shm to
    /// <c>&lt;name&gt;.corrupt-&lt;stamp&gt;-wal</c>/<c>-shm</c>, so the moved set still opens together in
    /// sqlite3 for recovery. Returns the new database path.
    /// </summary>
    private static string MoveAside(string path)
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string target = $"{path}.corrupt-{stamp}";
        for (int attempt = 2; File.Exists(target) || SidecarSuffixes.Any(s => File.Exists(target + s)); attempt++)
        {
            target = $"{path}.corrupt-{stamp}.{attempt}";
        }

        // Sidecars first: a fresh database must never meet the old one's WAL, which SQLite would replay into it.
        foreach (string suffix in SidecarSuffixes)
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix);
            }
        }

        File.Move(path, target);
        return target;
    }

    private static long FileLength(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
