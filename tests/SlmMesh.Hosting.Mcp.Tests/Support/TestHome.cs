namespace SlmMesh.Hosting.Mcp.Tests.Support;

/// <summary>A fresh mesh home in a short temp folder (Unix socket paths are limited to ~104 bytes), deleted at the end.</summary>
public sealed class TestHome : IDisposable
{
    public TestHome()
    {
        Directory = Path.Combine(Path.GetTempPath(), "slm-m-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(Directory);
        Home = MeshHome.Resolve(Directory);
    }

    public string Directory { get; }

    public MeshHome Home { get; }

    /// <summary>A working folder for an agent, inside the home so it is cleaned up with it.</summary>
    public string Workspace(string name)
    {
        string path = Path.Combine(Directory, "ws", name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
