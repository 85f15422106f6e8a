using System.Globalization;
using System.Security.Cryptography;

namespace SlmMesh.Lifecycle;

/// <summary>The shared secret a client must present: 32 random bytes, hex, written fresh by every broker start.</summary>
internal static class BrokerToken
{
    /// <summary>Creates a new token and writes it atomically (a 0600 temp file renamed over the old one).</summary>
    public static string Create(MeshHome home)
    {
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        string temp = home.TokenPath + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        PrivateFiles.WriteAllText(temp, token);
        File.Move(temp, home.TokenPath, overwrite: true);
        return token;
    }

    /// <summary>Removes the token of a broker that stops, if it is still ours.</summary>
    public static void Delete(MeshHome home, string token)
    {
        try
        {
            if (string.Equals(home.ReadToken(), token, StringComparison.Ordinal))
            {
                File.Delete(home.TokenPath);
            }
        }
        catch (IOException)
        {
        }
    }
}
