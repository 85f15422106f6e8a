using MessagePack;

namespace SlmMesh.Reliability.Tests.Fuzzing;

/// <summary>
/// Mutates a MessagePack value structurally (types, keys, sizes, nesting) and re-encodes it: the result is
/// always well-formed MessagePack, so it gets past the frame decoder to the request decoders and handlers.
/// </summary>
public sealed class TreeMutator(Random random)
{
    private static readonly string[] Keys =
    [
        "peerId", "name", "agentType", "pid", "agentPid", "cwd", "summary", "ephemeral", "id", "to", "type", "payload", "replyTo",
        "filter", "from", "limit", "acknowledge", "ids", "namespace", "key", "value", "expectedVersion", "prefix", "path", "reason",
        "ttlMs", "waitMs", "afterId", "types", "data", "scope", "includeSelf", "gitRoot",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "all", "ALL", "bob", "alice", "fuzz", "*", "**", "**/*", "/", "..", "../../../../etc/passwd", "/tmp/x/../../y", "a\0b",
        "p_0000000000000001", "m_x", "json", "command", "alert", "unread", "all", "machine", "directory", "repo", "{}", "[]", "{\"a\":",
        "peer_*", "*_*", "file_locked", "x.y", "state_changed", "\u00e9\u00e8\u4e2d\ud83d\ude00", "\ud800", "[a-", "{a,b}", "src/[!x]*",
    ];

    private static readonly long[] Numbers = [0, 1, -1, 2, 59_999, 60_000, 3_600_000, 3_600_001, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 1L << 53];

    public byte[] Mutate(byte[] seed)
    {
        object? tree = MessagePackSerializer.Deserialize<object?>(seed);
        int rounds = 1 + random.Next(3);
        for (int i = 0; i < rounds; i++)
        {
            tree = MutateValue(tree, depth: 0);
        }

        return MessagePackSerializer.Serialize(tree);
    }

    private object? MutateValue(object? value, int depth)
    {
        if (value is Dictionary<object, object?> map && map.Count > 0 && random.Next(3) > 0)
        {
            object key = map.Keys.ElementAt(random.Next(map.Count));
            switch (random.Next(4))
            {
                case 0:
                    map.Remove(key);
                    break;
                case 1:
                    map[Keys[random.Next(Keys.Length)]] = RandomValue(depth + 1);
                    break;
                default:
                    map[key] = MutateValue(map[key], depth + 1);
                    break;
            }

            return map;
        }

        if (value is object?[] array && array.Length > 0 && random.Next(3) > 0)
        {
            array[random.Next(array.Length)] = MutateValue(array[random.Next(array.Length)], depth + 1);
            return array;
        }

        return RandomValue(depth);
    }

    private object? RandomValue(int depth) => random.Next(14) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => Numbers[random.Next(Numbers.Length)],
        3 => (long)random.Next(),
        4 => random.NextDouble() * 1e9,
        5 => Strings[random.Next(Strings.Length)],
        6 => new string((char)random.Next(32, 0x2FFF), random.Next(1, 300)),
        7 => new string('a', random.Next(100, 70_000)),
        8 => new byte[random.Next(0, 64)],
        9 when depth < 6 => Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomValue(depth + 1)).ToArray(),
        10 when depth < 6 => Enumerable.Range(0, random.Next(0, 4)).ToDictionary(i => (object)(Keys[random.Next(Keys.Length)] + i), _ => RandomValue(depth + 1)),
        11 => Nested(random.Next(1, 200)),
        12 => Enumerable.Range(0, random.Next(100, 5000)).Select(i => (object?)("m_" + i)).ToArray(),
        _ => Strings[random.Next(Strings.Length)] + new string('/', random.Next(0, 5000)) + "**",
    };

    private static object? Nested(int levels)
    {
        object? value = "deep";
        for (int i = 0; i < levels; i++)
        {
            value = new[] { value };
        }

        return value;
    }
}
