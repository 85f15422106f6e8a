using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SlmMesh;

/// <summary>
/// Ids for messages and peers: a prefix, the creation time in milliseconds (12 hex digits) and 64 random
/// bits. Time first keeps new ids at the end of the store's indexes (random ids cost a random index
/// page per insert, about three times the writes); the random part keeps them unique across clients.
/// </summary>
internal static class MeshIds
{
    public static string New(char prefix)
    {
        Span<byte> bytes = stackalloc byte[14];
        BinaryPrimitives.WriteInt64BigEndian(bytes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        return $"{prefix}_{Convert.ToHexStringLower(bytes)}";
    }
}
