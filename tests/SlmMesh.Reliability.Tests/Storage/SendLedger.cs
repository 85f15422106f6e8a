namespace SlmMesh.Reliability.Tests.Storage;

/// <summary>What a sender was told: acknowledged sends must be stored and delivered, refused ones must not.</summary>
public sealed class SendLedger
{
    public List<(string Id, string Payload)> Acknowledged { get; } = [];

    public List<string> Refused { get; } = [];

    public List<string> RefusalMessages { get; } = [];

    /// <summary>Sends until <paramref name="refusals"/> sends were refused (or <paramref name="max"/> were tried).</summary>
    public async Task SendUntilRefusedAsync(MeshClient from, string to, string tag, int payloadBytes, int refusals, int max = 5000)
    {
        for (int i = 0; Refused.Count < refusals && i < max; i++)
        {
            await SendAsync(from, to, $"{tag}-{i}:" + new string('x', payloadBytes));
        }
    }

    public async Task SendAsync(MeshClient from, string to, string payload)
    {
        try
        {
            Acknowledged.Add(((await from.SendAsync(to, payload, cancellationToken: TestContext.Current.CancellationToken)).Id, payload));
        }
        catch (MeshException ex)
        {
            Assert.Equal(MeshErrorCode.StorageError, ex.Code);
            Refused.Add(payload);
            RefusalMessages.Add(ex.Message);
        }
    }

    /// <summary>Takes the recipient's messages until every acknowledged one came; none refused may come.</summary>
    public async Task AssertDeliveredAsync(MeshClient recipient)
    {
        var expected = Acknowledged.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var refused = Refused.ToHashSet(StringComparer.Ordinal);
        var received = new HashSet<string>(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (MeshMessage message in recipient.ReadMessagesAsync(timeout.Token))
        {
            Assert.DoesNotContain(message.Payload, refused);
            received.Add(message.Id);
            if (expected.IsSubsetOf(received))
            {
                break;
            }
        }

        Assert.Subset(received, expected);
    }
}
