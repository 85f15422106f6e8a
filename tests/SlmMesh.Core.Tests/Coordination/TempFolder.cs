namespace SlmMesh.Core.Tests.Coordination;

/// <summary>A fresh folder under the temp folder, deleted (links not followed) on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("slm-mesh-paths-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        // Directory.Delete removes links themselves and never what they point to.
        Directory.Delete(Path, recursive: true);
    }
}
