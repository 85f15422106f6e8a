using System.Reflection;
using SlmMesh.Transport.Tests.Support;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Tests.Messages;

/// <summary>What lets an older peer read a newer one's messages and the other way round.</summary>
public sealed class ForwardCompatibilityTests
{
    public static TheoryData<string> TypeNames() => RoundTripTests.TypeNames();

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Unknown_keys_anywhere_in_the_map_are_skipped(string typeName)
    {
        Type type = RoundTripTests.TypeNamed(typeName);
        RoundTripTests.Invoke<ForwardCompatibilityTests>(nameof(AssertUnknownKeysSkipped), type, Samples.Create(type, Samples.Distinct));
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Each_missing_key_reads_as_its_default(string typeName)
    {
        Type type = RoundTripTests.TypeNamed(typeName);
        RoundTripTests.Invoke<ForwardCompatibilityTests>(nameof(AssertMissingKeysReadDefaults), type, Samples.Create(type, Samples.Distinct));
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void An_empty_map_or_nil_reads_as_all_defaults(string typeName)
    {
        Type type = RoundTripTests.TypeNamed(typeName);
        RoundTripTests.Invoke<ForwardCompatibilityTests>(nameof(AssertEmptyReadsDefaults), type, Activator.CreateInstance(type)!);
    }

    private static void AssertUnknownKeysSkipped<T>(T sample)
        where T : class, IWireMessage<T>
    {
        List<(byte[] Key, byte[] Value)> known = MapEntries.Split(Bytes.Encode(sample));
        IReadOnlyList<(byte[] Key, byte[] Value)> unknown = MapEntries.Unknown();
        var mixed = new List<(byte[], byte[])>();
        mixed.AddRange(unknown.Take(5));
        mixed.AddRange(known.Take(known.Count / 2));
        mixed.AddRange(unknown.Skip(5).Take(5));
        mixed.AddRange(known.Skip(known.Count / 2));
        mixed.AddRange(unknown.Skip(10));

        T decoded = Bytes.Decode<T>(MapEntries.Join(mixed));

        Assert.Equivalent(sample, decoded, strict: true);
    }

    private static void AssertMissingKeysReadDefaults<T>(T sample)
        where T : class, IWireMessage<T>
    {
        List<(byte[] Key, byte[] Value)> entries = MapEntries.Split(Bytes.Encode(sample));
        object defaults = Activator.CreateInstance<T>();
        PropertyInfo[] properties = Samples.WritableProperties(typeof(T)).ToArray();
        Assert.Equal(properties.Length, entries.Count);
        for (int omit = 0; omit < entries.Count; omit++)
        {
            var without = entries.Where((_, i) => i != omit).ToList();
            T decoded = Bytes.Decode<T>(MapEntries.Join(without));

            // Exactly one field differs from the sample, and it holds the type's default.
            PropertyInfo[] changed = properties.Where(p => !Same(p.GetValue(sample), p.GetValue(decoded))).ToArray();
            PropertyInfo property = Assert.Single(changed);
            Assert.Equivalent(property.GetValue(defaults), property.GetValue(decoded), strict: true);
        }
    }

    private static void AssertEmptyReadsDefaults<T>(T defaults)
        where T : class, IWireMessage<T>
    {
        Assert.Equivalent(defaults, Bytes.Decode<T>(new byte[] { 0x80 }), strict: true);
        Assert.Equivalent(defaults, Bytes.Decode<T>(new byte[] { 0xc0 }), strict: true);
    }

    private static bool Same(object? a, object? b)
    {
        try
        {
            Assert.Equivalent(a, b, strict: true);
            return true;
        }
        catch (Xunit.Sdk.EquivalentException)
        {
            return false;
        }
    }
}
