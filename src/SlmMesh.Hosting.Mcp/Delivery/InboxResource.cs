using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Delivery;

/// <summary>
/// The <c>mesh://inbox</c> resource: this agent's unread messages. Reading it acknowledges nothing (a resource
/// read is not a delivery to the model); a client that subscribes gets <c>notifications/resources/updated</c>
/// on every arrival.
/// </summary>
internal sealed class InboxResource(IMeshClientProvider provider)
{
    public const string Uri = "mesh://inbox";

    private const string MimeType = "application/json";

    private int _subscribed;

    /// <summary>Whether the client subscribed to the inbox.</summary>
    public bool IsSubscribed => Volatile.Read(ref _subscribed) != 0;

    public static ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListResourcesResult
        {
            Resources =
            [
                new Resource
                {
                    Uri = Uri,
                    Name = "inbox",
                    Title = "Mesh inbox",
                    Description = "Unread messages other agents sent to this agent (JSON). Reading does not mark them read; mesh_inbox does.",
                    MimeType = MimeType,
                },
            ],
        });

    public async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        string? uri = request.Params?.Uri;
        if (!string.Equals(uri, Uri, StringComparison.Ordinal))
        {
            throw new McpProtocolException($"Unknown resource: '{uri}'. The only resource is {Uri}.", McpErrorCode.ResourceNotFound);
        }

        MeshClient client = await provider.GetClientAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<MeshMessage> unread = await client.ReadInboxAsync(unreadOnly: true, limit: 100, acknowledge: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        var inbox = new InboxResult("unread", unread.Count, MessageView.Of(unread));
        return new ReadResourceResult
        {
            Contents = [new TextResourceContents { Uri = Uri, MimeType = MimeType, Text = JsonSerializer.Serialize(inbox, MeshJson.Info<InboxResult>()) }],
        };
    }

    public ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        if (string.Equals(request.Params?.Uri, Uri, StringComparison.Ordinal))
        {
            Volatile.Write(ref _subscribed, 1);
        }

        return ValueTask.FromResult(new EmptyResult());
    }

    public ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        if (string.Equals(request.Params?.Uri, Uri, StringComparison.Ordinal))
        {
            Volatile.Write(ref _subscribed, 0);
        }

        return ValueTask.FromResult(new EmptyResult());
    }
}
