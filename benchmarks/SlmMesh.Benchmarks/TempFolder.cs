namespace SlmMesh.Benchmarks;

/// <summary>
/// A folder under the temp directory (short, so a socket path fits in it). Deleted by <see cref="Delete"/> in a
/// benchmark's global cleanup: BenchmarkDotNet classes have no dispose of their own.
/// </summary>
internal sealed class TempFolder
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("slm-bench-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Delete()
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
