namespace SlmMesh.Cli.Mesh;

/// <summary>The newest events of some types. The broker reads forward from an id, so look back in growing windows.</summary>
internal static class RecentEvents
{
    private const int Page = 1000;

    public static async Task<(IReadOnlyList<MeshEvent> Events, long LastId)> ReadAsync(MeshClient client, IReadOnlyList<string> types, int limit, CancellationToken cancellationToken)
    {
        long lastId = (await client.ReadEventsAsync(long.MaxValue - 1, null, 1, cancellationToken)).LastId;
        long window = limit;
        while (true)
        {
            long from = Math.Max(0, lastId - window);
            List<MeshEvent> found = await ReadAllAfterAsync(client, from, types, cancellationToken);
            if (found.Count >= limit || from == 0)
            {
                return (found.Count > limit ? found[^limit..] : found, lastId);
            }

            window *= 4;
        }
    }

    private static async Task<List<MeshEvent>> ReadAllAfterAsync(MeshClient client, long afterId, IReadOnlyList<string> types, CancellationToken cancellationToken)
    {
        var events = new List<MeshEvent>();
        long after = afterId;
        while (true)
        {
            var page = await client.ReadEventsAsync(after, types, Page, cancellationToken);
            events.AddRange(page.Events);
            if (page.Events.Count < Page)
            {
                return events;
            }

            after = page.Events[^1].Id;
        }
    }
}
