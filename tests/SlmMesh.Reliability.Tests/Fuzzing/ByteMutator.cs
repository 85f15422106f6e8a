namespace SlmMesh.Reliability.Tests.Fuzzing;

/// <summary>Blind byte-level mutations of an encoded frame: flips, MessagePack headers with huge counts, cuts and splices.</summary>
public sealed class ByteMutator(Random random)
{
    // nil, false/true, headers of bin/str/array/map with 8-, 16- and 32-bit lengths, fixarray/fixmap/fixstr, ext, negative fixint.
    private static readonly byte[] Interesting = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xcf, 0xd3, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xff];

    public byte[] Mutate(byte[] input)
    {
        var data = new List<byte>(input);
        int rounds = 1 + random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            int at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(8))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    // A header claiming a huge length: must be refused before anything that size is allocated.
                    data.InsertRange(at, [Interesting[random.Next(Interesting.Length)], 0xff, 0xff, 0xff, (byte)random.Next(256)]);
                    break;
                case 3:
                    data.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4 when data.Count > 1:
                    data.RemoveRange(at, Math.Min(random.Next(1, 16), data.Count - at));
                    break;
                case 5 when data.Count > 1:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 6 when data.Count > 1:
                    int length = Math.Min(random.Next(1, 32), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                default:
                    data.Add((byte)random.Next(256));
                    break;
            }
        }

        return [.. data];
    }
}
