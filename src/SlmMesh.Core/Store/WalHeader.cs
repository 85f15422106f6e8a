using System.Buffers.Binary;

namespace SlmMesh.Store;

/// <summary>Reads the header of a WAL file (SQLite file format, section 4.1) to tell when SQLite started the log over.</summary>
internal static class WalHeader
{
    private const int HeaderBytes = 32;

    /// <summary>
    /// The checkpoint sequence number and first salt (bytes 12–19): both change every time SQLite starts the log
    /// over from its beginning. -1 when the file is missing or has no header yet (it was just truncated).
    /// </summary>
    public static long ReadGeneration(string walPath)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        try
        {
            using var handle = File.OpenHandle(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (RandomAccess.Read(handle, header, 0) < HeaderBytes)
            {
                return -1;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Missing (nothing written since a truncate) or unreadable: no generation to compare.
            return -1;
        }

        return BinaryPrimitives.ReadInt64BigEndian(header[12..]) & long.MaxValue;
    }
}
