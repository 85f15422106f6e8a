using System.Security.Cryptography;
using System.Text;

namespace SlmMesh.Cli.Mesh;

/// <summary>
/// Who the CLI is on the mesh when it writes (send, broadcast, state set/delete, lock acquire/release, inbox):
/// an ephemeral peer whose id is stable for the user and folder — or for <c>SLM_MESH_NAME</c> when set — so
/// a lock taken by one invocation can be released by a later one, and replies find their way back.
/// </summary>
internal sealed record CliIdentity(string PeerId, string Name)
{
    public const string IdPrefix = "cli-";

    /// <summary>The identity of a CLI run in <paramref name="folder"/>, optionally named.</summary>
    public static CliIdentity For(string folder, string? meshName, string user)
    {
        string basis = meshName is { Length: > 0 } name ? "name:" + name : "cwd:" + Path.TrimEndingDirectorySeparator(folder);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user + "\n" + basis)))[..12];
        string folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        string display = meshName is { Length: > 0 } ? meshName : "cli@" + (folderName.Length > 0 ? folderName : "root");
        return new CliIdentity(IdPrefix + hash, display);
    }

    /// <summary>The identity of this invocation.</summary>
    public static CliIdentity For(CliContext context) =>
        For(context.CurrentDirectory, context.Variable(MeshClientOptions.NameVariable), context.Variable("USER") ?? Environment.UserName);
}
