namespace SlmMesh.Lifecycle;

/// <summary>Files of the mesh home are readable and writable by their owner only (0600).</summary>
internal static class PrivateFiles
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
    }

    /// <summary>Tightens an existing file to 0600.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != OwnerReadWrite)
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
    }

    /// <summary>Writes a whole text file as 0600.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var stream = new FileStream(path, Options(FileMode.Create, FileAccess.Write));
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        writer.Flush();
        Restrict(path);
    }
}
