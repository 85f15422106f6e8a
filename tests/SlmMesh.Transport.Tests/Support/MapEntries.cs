using System.Buffers;
using MessagePack;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>Splits an encoded map into its raw key/value pairs and writes maps back from such pairs.</summary>
internal static class MapEntries
{
    public static List<(byte[] Key, byte[] Value)> Split(byte[] map)
    {
        var reader = new MessagePackReader(map);
        int count = reader.ReadMapHeader();
        var entries = new List<(byte[], byte[])>(count);
        for (int i = 0; i < count; i++)
        {
            byte[] key = reader.ReadRaw().ToArray();
            byte[] value = reader.ReadRaw().ToArray();
            entries.Add((key, value));
        }

        Assert.True(reader.End);
        return entries;
    }

    public static byte[] Join(IReadOnlyList<(byte[] Key, byte[] Value)> entries) => Bytes.Build((ref MessagePackWriter w) =>
    {
        w.WriteMapHeader(entries.Count);
        foreach ((byte[] key, byte[] value) in entries)
        {
            w.WriteRaw(key);
            w.WriteRaw(value);
        }
    });

    /// <summary>
    /// Entries a future version might add: values of every MessagePack type and of any depth, keys that are
    /// not strings, keys longer than any known one, and keys that differ from known ones only in case.
    /// </summary>
    public static IReadOnlyList<(byte[] Key, byte[] Value)> Unknown()
    {
        byte[] deep = Bytes.Build((ref MessagePackWriter w) =>
        {
            // 20 000 levels, alternating arrays and maps: a recursive skip would blow the stack.
            for (int i = 0; i < 10_000; i++)
            {
                w.WriteArrayHeader(1);
                w.WriteMapHeader(1);
                w.Write("k");
            }

            w.WriteNil();
        });
        return
        [
            (Str("futureField"), Bytes.Build((ref MessagePackWriter w) => w.Write("a string"))),
            (Str("futureNumber"), Bytes.Build((ref MessagePackWriter w) => w.Write(-123456789012L))),
            (Str("futureFloat"), Bytes.Build((ref MessagePackWriter w) => w.Write(3.25))),
            (Str("futureNil"), Bytes.Build((ref MessagePackWriter w) => w.WriteNil())),
            (Str("futureBool"), Bytes.Build((ref MessagePackWriter w) => w.Write(true))),
            (Str("futureBinary"), Bytes.Build((ref MessagePackWriter w) => w.Write(new byte[300]))),
            (Str("futureExtension"), Bytes.Build((ref MessagePackWriter w) => w.WriteExtensionFormat(new ExtensionResult(42, new byte[17])))),
            (Str("futureTimestamp"), Bytes.Build((ref MessagePackWriter w) => w.Write(new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc)))),
            (Str("futureDeep"), deep),
            (Str("futureObject"), Bytes.Build((ref MessagePackWriter w) =>
            {
                w.WriteMapHeader(2);
                w.Write("list");
                w.WriteArrayHeader(3);
                w.Write(1);
                w.Write("two");
                w.WriteMapHeader(0);
                w.Write("id");
                w.Write("looks like a known key, one level down");
            })),
            (Str(new string('k', 200)), Bytes.Build((ref MessagePackWriter w) => w.Write("a key longer than any known one"))),
            (Str("ID"), Bytes.Build((ref MessagePackWriter w) => w.Write("known keys are case-sensitive"))),
            (Str(string.Empty), Bytes.Build((ref MessagePackWriter w) => w.Write(0))),
            (Bytes.Build((ref MessagePackWriter w) => w.Write(7)), Bytes.Build((ref MessagePackWriter w) => w.Write("an integer key"))),
            (Bytes.Build((ref MessagePackWriter w) => w.WriteNil()), Bytes.Build((ref MessagePackWriter w) => w.Write("a nil key"))),
            (Bytes.Build((ref MessagePackWriter w) => { w.WriteArrayHeader(1); w.Write("id"); }), Bytes.Build((ref MessagePackWriter w) => w.Write("an array key"))),
        ];
    }

    private static byte[] Str(string value) => Bytes.Build((ref MessagePackWriter w) => w.Write(value));
}
