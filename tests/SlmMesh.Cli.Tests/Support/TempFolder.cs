namespace SlmMesh.Cli.Tests.Support;

/// <summary>A temp folder (a fake user home, a project folder) deleted at the end.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "slm-f-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relative, string text)
    {
        string file = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public string? Read(string relative) => File.Exists(Combine(relative)) ? File.ReadAllText(Combine(relative)) : null;

    public string SubFolder(string name)
    {
        string folder = Combine(name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
