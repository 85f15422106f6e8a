namespace SlmMesh.Cli.Install;

/// <summary>One configuration file the installer would write: its text before (null: new file) and after.</summary>
internal sealed record ConfigChange(string Path, string? Before, string After, string What)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);

    public string Action => Before is null ? "create" : Changed ? "update" : "unchanged";

    public string BackupPath => Path + ".bak";

    public string Diff => LineDiff.Unified(Path, Before, After);

    /// <summary>
    /// Writes the new text: the old file is copied to <see cref="BackupPath"/> first, the new one is written to a
    /// temporary file beside it and renamed over it (an agent never reads half a file), keeping the old mode.
    /// </summary>
    public void Apply()
    {
        if (!Changed)
        {
            return;
        }

        string folder = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(folder);
        UnixFileMode? mode = null;
        if (Before is not null)
        {
            File.Copy(Path, BackupPath, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                mode = File.GetUnixFileMode(Path);
            }
        }

        string temp = Path + ".slm-mesh-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // A new file is the user's alone: agent configurations may hold secrets.
            options.UnixCreateMode = mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
        {
            writer.Write(After);
        }

        if (mode is { } keep && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, keep);
        }

        File.Move(temp, Path, overwrite: true);
    }
}
