namespace SlmMesh.Core.Tests.Store;

public sealed class MeshStoreMessageTests : StoreTestBase
{
    [Fact]
    public void A_message_round_trips_with_every_field()
    {
        MeshMessage message = Message("m1", "bob") with { Broadcast = true, ReplyTo = "m0", Type = "json", Payload = "{\"a\":1} ünïcødé", ExpiresAt = 50_000 };
        MeshMessage read = message with { Id = "m2", ReadAt = 1_234 };

        Assert.True(Store.InsertMessage(message));
        Assert.True(Store.InsertMessage(read));

        Assert.Equal(message, Store.GetMessage("m1", "bob"));
        Assert.Equal(read, Store.GetMessage("m2", "bob"));
        Assert.Null(Store.GetMessage("m1", "alice"));
    }

    [Fact]
    public void The_same_id_and_recipient_is_stored_once_but_each_recipient_gets_a_copy()
    {
        Assert.True(Store.InsertMessage(Message("m1", "bob")));
        Assert.False(Store.InsertMessage(Message("m1", "bob") with { Payload = "retried" }));
        Assert.True(Store.InsertMessage(Message("m1", "alice")));

        Assert.Equal(2, Store.CountMessages());
        Assert.Equal("payload of m1", Store.GetMessage("m1", "bob")!.Payload);
    }

    [Fact]
    public void GetUnread_returns_unread_unexpired_copies_oldest_first_up_to_the_limit()
    {
        Store.InsertMessage(Message("m1", "bob"));
        Store.InsertMessage(Message("expired", "bob", expiresAt: 5_000));
        Store.InsertMessage(Message("m2", "bob"));
        Store.InsertMessage(Message("other", "alice"));
        Store.InsertMessage(Message("read", "bob") with { ReadAt = 10 });
        Store.InsertMessage(Message("m3", "bob"));

        Assert.Equal(["m1", "m2", "m3"], Store.GetUnread("bob", now: 5_000, limit: 10).Select(m => m.Id));
        Assert.Equal(["m1", "m2"], Store.GetUnread("bob", now: 5_000, limit: 2).Select(m => m.Id));
        Assert.Equal(["m1", "expired", "m2", "m3"], Store.GetUnread("bob", now: 4_999, limit: 10).Select(m => m.Id));
        Assert.Empty(Store.GetUnread("bob", now: 5_000, limit: 0));
    }

    [Fact]
    public void QueryInbox_returns_the_newest_matches_oldest_first()
    {
        for (int i = 1; i <= 6; i++)
        {
            Store.InsertMessage(Message($"m{i}", "bob", from: i % 2 == 0 ? "even" : "odd") with { ReadAt = i <= 2 ? 100 : null });
        }

        Store.InsertMessage(Message("expired", "bob", expiresAt: 5_000));
        Store.InsertMessage(Message("not-bob", "alice"));

        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6"], Store.QueryInbox("bob", unreadOnly: false, from: null, limit: 100, now: 5_000).Select(m => m.Id));
        Assert.Equal(["m5", "m6"], Store.QueryInbox("bob", unreadOnly: false, from: null, limit: 2, now: 5_000).Select(m => m.Id));
        Assert.Equal(["m3", "m4", "m5", "m6"], Store.QueryInbox("bob", unreadOnly: true, from: null, limit: 100, now: 5_000).Select(m => m.Id));
        Assert.Equal(["m2", "m4", "m6"], Store.QueryInbox("bob", unreadOnly: false, from: "even", limit: 100, now: 5_000).Select(m => m.Id));
        Assert.Equal(["m4", "m6"], Store.QueryInbox("bob", unreadOnly: true, from: "even", limit: 100, now: 5_000).Select(m => m.Id));
        Assert.Equal(["m6", "expired"], Store.QueryInbox("bob", unreadOnly: true, from: null, limit: 2, now: 4_000).Select(m => m.Id));
    }

    [Fact]
    public void MarkRead_changes_only_the_recipients_unread_copies()
    {
        Store.InsertMessage(Message("m1", "bob"));
        Store.InsertMessage(Message("m2", "bob"));
        Store.InsertMessage(Message("m1", "alice"));

        Assert.Equal(2, Store.MarkRead("bob", ["m1", "m2", "unknown"], now: 7_000));
        Assert.Equal(0, Store.MarkRead("bob", ["m1"], now: 8_000));

        Assert.Equal(7_000, Store.GetMessage("m1", "bob")!.ReadAt);
        Assert.Null(Store.GetMessage("m1", "alice")!.ReadAt);
        Assert.Empty(Store.GetUnread("bob", now: 0, limit: 10));
        Assert.Equal(1, Store.CountUnread(now: 0));
    }

    [Fact]
    public void MarkRead_inside_a_batch_is_undone_by_its_rollback()
    {
        Store.InsertMessage(Message("m1", "bob"));
        Store.InsertMessage(Message("m2", "bob"));

        Store.BeginBatch();
        Assert.Equal(2, Store.MarkRead("bob", ["m1", "m2"], now: 7_000));
        Store.RollbackBatch();

        Assert.Equal(2, Store.CountUnread(now: 0));
    }

    [Fact]
    public void Counts_see_every_copy_and_only_unread_unexpired_ones()
    {
        Store.InsertMessage(Message("m1", "bob"));
        Store.InsertMessage(Message("m2", "bob", expiresAt: 5_000));
        Store.InsertMessage(Message("m3", "bob") with { ReadAt = 1 });

        Assert.Equal(3, Store.CountMessages());
        Assert.Equal(2, Store.CountUnread(now: 4_999));
        Assert.Equal(1, Store.CountUnread(now: 5_000));
    }
}
