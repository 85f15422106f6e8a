using System.Collections;
using System.Reflection;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>
/// Builds instances of every wire type by reflection, so that a type or field added later is covered by the
/// round-trip tests without anyone remembering to add it.
/// </summary>
internal static class Samples
{
    /// <summary>Every value filled, and every field different from the others and from its default.</summary>
    public const string Distinct = "distinct";

    /// <summary>The largest numbers, long unicode text, several list elements.</summary>
    public const string Maximum = "maximum";

    /// <summary>The smallest numbers, empty text (not null) and empty lists.</summary>
    public const string Minimum = "minimum";

    /// <summary>Zero, nulls wherever the field is nullable, empty lists.</summary>
    public const string Nulls = "nulls";

    public static readonly string[] Variants = [Distinct, Maximum, Minimum, Nulls];

    /// <summary>Emoji (a ZWJ sequence and a flag), CJK, Hangul, combining marks, right-to-left, a NUL.</summary>
    public const string Unicode = "😀👩‍💻🇯🇵 漢字かな 한국어 e\u0301\u0308 Z\u0335\u0321 مرحبا \0 end";

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The 39 message and model types of the protocol.</summary>
    public static IReadOnlyList<Type> WireTypes { get; } = typeof(IWireWritable).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWireMessage<>)))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public static object Create(Type type, string variant)
    {
        object instance = Activator.CreateInstance(type)!;
        int index = 0;
        foreach (PropertyInfo property in WritableProperties(type))
        {
            index++;
            property.SetValue(instance, Value(property, variant, index));
        }

        return instance;
    }

    public static IEnumerable<PropertyInfo> WritableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != "EqualityContract");

    private static object? Value(PropertyInfo property, string variant, int index)
    {
        Type type = property.PropertyType;
        bool nullable = Nullable.GetUnderlyingType(type) is not null
            || (!type.IsValueType && Nullability.Create(property).WriteState == NullabilityState.Nullable);
        if (variant == Nulls && nullable)
        {
            return null;
        }

        Type core = Nullable.GetUnderlyingType(type) ?? type;
        if (core == typeof(string))
        {
            return variant switch
            {
                Distinct => $"{property.Name}-{index} {Unicode}",
                Maximum => string.Concat(Enumerable.Repeat(Unicode, 40)),
                _ => string.Empty,
            };
        }

        if (core == typeof(int))
        {
            return variant switch
            {
                Distinct => (index % 2 == 0 ? 1 : -1) * (1_000_003 * index),
                Maximum => int.MaxValue,
                Minimum => int.MinValue,
                _ => 0,
            };
        }

        if (core == typeof(long))
        {
            return variant switch
            {
                Distinct => (index % 2 == 0 ? -1L : 1L) * (5_000_000_029L * index),
                Maximum => long.MaxValue,
                Minimum => long.MinValue,
                _ => 0L,
            };
        }

        if (core == typeof(bool))
        {
            return variant switch
            {
                Distinct or Maximum => true,
                _ => false,
            };
        }

        if (core.IsGenericType && core.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            Type element = core.GetGenericArguments()[0];
            int count = variant switch
            {
                Distinct => 2,
                Maximum => 5,
                _ => 0,
            };
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            for (int i = 0; i < count; i++)
            {
                list.Add(element == typeof(string) ? $"{property.Name}[{i}] {Unicode}" : Create(element, variant));
            }

            return list;
        }

        if (typeof(IWireWritable).IsAssignableFrom(core))
        {
            // Nested messages are filled in every variant; the nulls variant nulls them only where nullable.
            return Create(core, variant);
        }

        throw new InvalidOperationException($"No sample for {property.DeclaringType!.Name}.{property.Name} of type {type}.");
    }
}
