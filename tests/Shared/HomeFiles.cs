namespace SlmMesh.Testing;

/// <summary>SPEC §3: the home is 0700 and every file in it (the socket included) 0600.</summary>
public static class HomeFiles
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The names the contract lists; any other mesh.db* or broker.* file is checked as well.</summary>
    public static readonly string[] Known = ["mesh.db", "mesh.db-wal", "mesh.db-shm", "broker.sock", "broker.token", "broker.lock", "broker.log"];

    /// <summary>Asserts the modes and returns the names of the mesh files found.</summary>
    public static IReadOnlyList<string> AssertPrivate(string home, params string[] mustExist)
    {
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        Assert.Equal(Folder, File.GetUnixFileMode(home));
        var found = new List<string>();
        foreach (string path in Directory.EnumerateFileSystemEntries(home))
        {
            string name = Path.GetFileName(path);
            if (!Known.Contains(name) && !name.StartsWith("mesh.db", StringComparison.Ordinal) && !name.StartsWith("broker.", StringComparison.Ordinal))
            {
                continue;
            }

            UnixFileMode mode;
            try
            {
                mode = File.GetUnixFileMode(path);
            }
            catch (FileNotFoundException)
            {
                // Removed meanwhile (the WAL of a closing database, a token being replaced).
                continue;
            }

            Assert.True(mode == PrivateFile, $"{name} is {Convert.ToString((int)mode, 8)}, expected 600.");
            found.Add(name);
        }

        foreach (string name in mustExist)
        {
            Assert.Contains(name, found);
        }

        return found;
    }
}
