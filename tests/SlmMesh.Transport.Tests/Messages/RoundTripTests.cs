using System.Reflection;
using SlmMesh.Transport.Tests.Support;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Tests.Messages;

public sealed class RoundTripTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (Type type in Samples.WireTypes)
        {
            foreach (string variant in Samples.Variants)
            {
                data.Add(type.Name, variant);
            }
        }

        return data;
    }

    [Fact]
    public void The_protocol_has_39_message_and_model_types()
    {
        // A new type is fine: raise the number, and document the type in docs/PROTOCOL.md.
        Assert.Equal(39, Samples.WireTypes.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_type_round_trips_every_field(string typeName, string variant)
    {
        Type type = TypeNamed(typeName);
        object sample = Samples.Create(type, variant);
        Invoke<RoundTripTests>(nameof(AssertRoundTrip), type, sample);
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void The_distinct_sample_sets_every_field_so_a_dropped_field_cannot_hide(string typeName)
    {
        Type type = TypeNamed(typeName);
        object sample = Samples.Create(type, Samples.Distinct);
        object defaults = Activator.CreateInstance(type)!;
        foreach (PropertyInfo property in Samples.WritableProperties(type))
        {
            object? value = property.GetValue(sample);
            Assert.NotNull(value);
            Assert.NotEqual(property.GetValue(defaults), value);
        }
    }

    public static TheoryData<string> TypeNames() => new(Samples.WireTypes.Select(t => t.Name));

    internal static Type TypeNamed(string name) => Samples.WireTypes.Single(t => t.Name == name);

    /// <summary>Calls the generic test method <paramref name="method"/> of <typeparamref name="TTests"/> for <paramref name="type"/>.</summary>
    internal static void Invoke<TTests>(string method, Type type, params object[] arguments)
    {
        try
        {
            typeof(TTests).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type)
                .Invoke(null, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
        }
    }

    private static void AssertRoundTrip<T>(T sample)
        where T : class, IWireMessage<T>
    {
        byte[] bytes = Bytes.Encode(sample);
        T decoded = Bytes.Decode<T>(bytes);

        Assert.Equivalent(sample, decoded, strict: true);
        Assert.Equal(Bytes.Hex(bytes), Bytes.Hex(Bytes.Encode(decoded)));
    }
}
