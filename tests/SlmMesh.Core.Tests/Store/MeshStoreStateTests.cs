using SlmMesh.Store;

namespace SlmMesh.Core.Tests.Store;

public sealed class MeshStoreStateTests : StoreTestBase
{
    [Fact]
    public void A_key_never_written_is_null()
    {
        Assert.Null(Store.GetState("default", "missing"));
    }

    [Fact]
    public void Put_round_trips_and_replaces()
    {
        Store.PutState(Entry("default", "k", "v1", 1));
        StateEntry second = Entry("default", "k", "v2", 2);
        Store.PutState(second);

        Assert.Equal((second, false), Store.GetState("default", "k"));
        Assert.Null(Store.GetState("other", "k"));
    }

    [Fact]
    public void A_tombstone_keeps_its_version_and_a_later_put_revives_the_key()
    {
        Store.PutState(Entry("default", "k", "v1", 1));
        Store.DeleteState("default", "k", version: 2, deletedBy: "peer-2", deletedAt: 5_000);

        (StateEntry entry, bool deleted) = Store.GetState("default", "k")!.Value;
        Assert.True(deleted);
        Assert.Equal(2, entry.Version);
        Assert.Equal("peer-2", entry.UpdatedBy);
        Assert.Equal(5_000, entry.UpdatedAt);
        Assert.Empty(Store.ListState(null, null, 100));
        Assert.Equal(0, Store.CountState());

        Store.PutState(Entry("default", "k", "v3", 3));
        Assert.Equal((Entry("default", "k", "v3", 3), false), Store.GetState("default", "k"));
        Assert.Equal(1, Store.CountState());
    }

    [Fact]
    public void Deleting_a_key_never_written_leaves_a_tombstone()
    {
        Store.DeleteState("default", "ghost", version: 4, deletedBy: "peer-1", deletedAt: 1);

        Assert.Equal((true, 4L), (Store.GetState("default", "ghost")!.Value.Deleted, Store.GetState("default", "ghost")!.Value.Entry.Version));
    }

    [Fact]
    public void ListState_filters_by_namespace_and_prefix_in_key_order()
    {
        string[] keys = ["b", "a", "ab", "abc", "ac", "a\uFFFF", "a\U0010FFFF", "a\U0010FFFFz", "b/1"];
        foreach (string key in keys)
        {
            Store.PutState(Entry("ns", key, "v", 1));
        }

        Store.PutState(Entry("other", "a", "v", 1));
        Store.PutState(Entry("ns", "ad", "v", 1));
        Store.DeleteState("ns", "ad", 2, "peer", 2);

        Assert.Equal(
            ["ns/a", "ns/ab", "ns/abc", "ns/ac", "ns/a\uFFFF", "ns/a\U0010FFFF", "ns/a\U0010FFFFz", "ns/b", "ns/b/1", "other/a"],
            Keys(Store.ListState(null, null, 100)));
        Assert.Equal(["ns/a", "ns/ab"], Keys(Store.ListState("ns", null, 2)));
        Assert.Equal(["ns/ab", "ns/abc"], Keys(Store.ListState("ns", "ab", 100)));
        Assert.Equal(["ns/a", "ns/ab", "ns/abc", "ns/ac", "ns/a\uFFFF", "ns/a\U0010FFFF", "ns/a\U0010FFFFz"], Keys(Store.ListState("ns", "a", 100)));
        Assert.Equal(["ns/a\U0010FFFF", "ns/a\U0010FFFFz"], Keys(Store.ListState("ns", "a\U0010FFFF", 100)));
        Assert.Equal(["ns/a", "ns/ab", "ns/abc", "ns/ac", "ns/a\uFFFF", "ns/a\U0010FFFF", "ns/a\U0010FFFFz", "other/a"], Keys(Store.ListState(null, "a", 100)));
        Assert.Equal(["ns/b", "ns/b/1"], Keys(Store.ListState("ns", "b", 100)));
        Assert.Empty(Store.ListState("ns", "zz", 100));
        Assert.Empty(Store.ListState("ns", "a", 0));
        Assert.Equal(10, Store.CountState());
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("ab", "ac")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("\U0010FFFF", null)]
    [InlineData("a\uD7FF", "a\uE000")]
    [InlineData("a\uFFFF", "a\U00010000")]
    public void The_prefix_upper_bound_is_the_least_string_above_the_prefix(string prefix, string? expected)
    {
        Assert.Equal(expected, MeshStore.PrefixUpperBound(prefix));
    }

    private static IEnumerable<string> Keys(IReadOnlyList<StateEntry> entries) => entries.Select(e => e.Namespace + "/" + e.Key);
}
