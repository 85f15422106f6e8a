using SlmMesh.Core.Tests.Support;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>Watching events as a stream: the stored ones after an id first, then new ones, in id order without gaps or repeats.</summary>
public sealed class EventWatchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watching_from_an_id_replays_every_stored_event_then_streams_new_ones_without_gaps_or_repeats()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient client = await mesh.ConnectAsync("watcher");
        long start = (await client.ReadEventsAsync(long.MaxValue - 1, limit: 1, cancellationToken: Ct)).LastId;

        // More than a page (1000) of matching events, with others between them.
        for (int chunk = 0; chunk < 21; chunk++)
        {
            await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.EmitAsync(i % 6 == 0 ? "test.noise" : "build.step", cancellationToken: Ct)));
        }

        var watched = new List<MeshEvent>();
        using var end = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        end.CancelAfter(Wait);
        await foreach (MeshEvent e in client.WatchEventsAsync(["build.*"], start, end.Token))
        {
            watched.Add(e);
            if (watched.Count == 1)
            {
                // Subscribed and replaying: this one is both stored (in a later page) and pushed, and must come once.
                await client.EmitAsync("build.during", cancellationToken: Ct);
            }
            else if (e.Type == "build.during")
            {
                await client.EmitAsync("test.noise", cancellationToken: Ct);
                await client.EmitAsync("build.live", cancellationToken: Ct);
            }
            else if (e.Type == "build.live")
            {
                break;
            }
        }

        List<long> stored = await IdsAfterAsync(client, start, "build.*");
        Assert.Equal(1052, stored.Count);
        Assert.Equal(stored, watched.Select(e => e.Id));
    }

    private static async Task<List<long>> IdsAfterAsync(MeshClient client, long after, string type)
    {
        var ids = new List<long>();
        while (true)
        {
            EventListResponse page = await client.ReadEventsAsync(after, [type], 1000, Ct);
            ids.AddRange(page.Events.Select(e => e.Id));
            if (page.Events.Count < 1000)
            {
                return ids;
            }

            after = page.Events[^1].Id;
        }
    }
}
