using System.Security.Cryptography;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>
/// A short, private temp folder for socket files: Unix socket paths are limited to about 104 bytes, so the
/// folder sits directly under the temp path rather than under the test output.
/// </summary>
internal sealed class SocketDirectory : IDisposable
{
    public SocketDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "slm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name = "b.sock") => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A socket still being torn down elsewhere; the folder is in the temp path anyway.
        }
    }
}
