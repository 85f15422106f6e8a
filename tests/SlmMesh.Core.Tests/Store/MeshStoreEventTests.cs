namespace SlmMesh.Core.Tests.Store;

public sealed class MeshStoreEventTests : StoreTestBase
{
    [Fact]
    public void Appended_events_read_back_in_order_after_an_id()
    {
        Assert.Equal(0, Store.LastEventId());
        MeshEvent first = Store.AppendEvent("peer_joined", "p1", "{}", 1_000);
        MeshEvent second = Store.AppendEvent("custom", null, "{\"x\":1}", 2_000);

        Assert.Equal(new MeshEvent { Id = first.Id, Type = "peer_joined", PeerId = "p1", Data = "{}", CreatedAt = 1_000 }, first);
        Assert.True(second.Id > first.Id);
        Assert.Equal([first, second], Store.ReadEvents(0, 10, null));
        Assert.Equal([second], Store.ReadEvents(first.Id, 10, null));
        Assert.Equal([first], Store.ReadEvents(0, 1, null));
        Assert.Empty(Store.ReadEvents(0, 0, null));
        Assert.Equal(second.Id, Store.LastEventId());
        Assert.Equal(2, Store.CountEvents());
    }

    [Fact]
    public void A_filter_is_applied_across_pages_until_the_limit_is_met()
    {
        // 999 non-matching events before each match: whole SQL pages with nothing to keep.
        var wanted = new List<long>();
        for (int i = 0; i < 3_000; i++)
        {
            string type = i % 1_000 == 999 ? "lock_expired" : "message_sent";
            MeshEvent e = Store.AppendEvent(type, null, "{}", i);
            if (type == "lock_expired")
            {
                wanted.Add(e.Id);
            }
        }

        Assert.Equal(wanted, Store.ReadEvents(0, 10, t => t == "lock_expired").Select(e => e.Id));
        Assert.Equal(wanted[..2], Store.ReadEvents(0, 2, t => t == "lock_expired").Select(e => e.Id));
        Assert.Equal(wanted[1..], Store.ReadEvents(wanted[0], 10, t => t == "lock_expired").Select(e => e.Id));
        Assert.Empty(Store.ReadEvents(0, 10, t => t == "nothing"));
    }

    [Fact]
    public void Event_ids_are_never_reused_because_pruning_keeps_the_newest_event_even_across_reopen()
    {
        Store.AppendEvent("a", null, "{}", 1_000);
        MeshEvent last = Store.AppendEvent("b", null, "{}", 1_000);

        Assert.Equal((0L, 1L), Store.Prune(now: 0, readBefore: 0, eventsBefore: 2_000));
        Assert.Equal(1, Store.CountEvents());
        Assert.Equal(last.Id, Store.LastEventId());
        Reopen();

        MeshEvent next = Store.AppendEvent("c", null, "{}", 3_000);

        Assert.Equal(last.Id + 1, next.Id);
    }
}
