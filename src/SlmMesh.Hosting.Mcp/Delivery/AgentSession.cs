using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Delivery;

/// <summary>
/// This agent's side of the mesh for the tools: waits for the background connection, runs a tool body, maps
/// refusals to error results, and attaches what arrived meanwhile (messages, subscribed events) to every result.
/// </summary>
internal sealed partial class AgentSession(IMeshClientProvider provider, ClientNotifier notifier, ILogger<AgentSession> logger) : IAsyncDisposable
{
    private readonly IMeshClientProvider _provider = provider;
    private readonly EventBuffer _events = new();
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private IAsyncDisposable? _subscription;
    private string[] _subscribedTypes = [];

    public TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>Runs <paramref name="body"/> against the connected client and turns its answer (or refusal) into a tool result.</summary>
    public async Task<CallToolResult> RunAsync<T>(Func<MeshClient, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
        where T : ToolResult
    {
        MeshClient? client = _provider.Current;
        try
        {
            client ??= await _provider.GetClientAsync(cancellationToken).ConfigureAwait(false);
            T result = await body(client, cancellationToken).ConfigureAwait(false);
            return Write(WithArrivals(result, client), isError: false);
        }
        catch (MeshException ex)
        {
            Log.Refused(logger, ex.Code, ex.Message);
            return Write(WithArrivals(new ErrorResult(ToError(ex)), client), isError: true);
        }
        catch (ArgumentException ex)
        {
            return Write(WithArrivals(new ErrorResult(new ErrorView(MeshErrorCode.InvalidArgument, ex.Message)), client), isError: true);
        }
    }

    /// <summary>
    /// A filter around every tool call: arguments the SDK cannot bind (a required one missing, a wrong JSON
    /// type) become an <c>invalid_argument</c> result that says which, instead of the SDK's generic text.
    /// </summary>
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> BindingErrors(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or JsonException && request.Services is not null)
            {
                AgentSession session = request.Services!.GetRequiredService<AgentSession>();
                var error = new ErrorView(MeshErrorCode.InvalidArgument, $"Invalid arguments for {request.Params?.Name}: {ex.Message}");
                return Write(session.WithArrivals(new ErrorResult(error), session._provider.Current), isError: true);
            }
        };

    /// <summary>Replaces this agent's event subscription (types: patterns such as <c>file_*</c>; empty for all).</summary>
    public async Task<IReadOnlyList<string>> SubscribeEventsAsync(MeshClient client, string[] types, CancellationToken cancellationToken)
    {
        await _subscribing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DropSubscriptionAsync().ConfigureAwait(false);
            _subscription = await client.SubscribeAsync(types, (e, ct) => OnEventAsync(client, e, ct), cancellationToken).ConfigureAwait(false);
            _subscribedTypes = types;
            return types;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    /// <summary>Ends the event subscription; returns the types it had.</summary>
    public async Task<IReadOnlyList<string>> UnsubscribeEventsAsync(CancellationToken cancellationToken)
    {
        await _subscribing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string[] types = _subscribedTypes;
            await DropSubscriptionAsync().ConfigureAwait(false);
            return types;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropSubscriptionAsync().ConfigureAwait(false);
        _subscribing.Dispose();
    }

    internal static ErrorView ToError(MeshException exception) => new(
        exception.Code,
        exception.Message,
        exception.Error?.Lock is { } held ? LockView.Of(held, TimeProvider.System) : null,
        exception.Error?.CurrentVersion,
        exception.Error?.RetryAfterMs);

    private static CallToolResult Write(ToolResult result, bool isError)
    {
        JsonElement json = JsonSerializer.SerializeToElement(result, MeshJson.Info(result.GetType()));
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = json.GetRawText() }],
            StructuredContent = json,
            IsError = isError ? true : null,
        };
    }

    private ToolResult WithArrivals(ToolResult result, MeshClient? client)
    {
        IReadOnlyList<MeshMessage> messages = client?.TakeReceivedMessages() ?? [];
        (IReadOnlyList<MeshEvent> events, long dropped) = _events.TakeAll();
        return result with
        {
            NewMessages = messages.Count > 0 ? MessageView.Of(messages) : null,
            NewEvents = events.Count > 0 ? [.. events.Select(EventView.Of)] : null,
            EventsDropped = dropped > 0 ? dropped : null,
        };
    }

    private async ValueTask OnEventAsync(MeshClient client, MeshEvent meshEvent, CancellationToken cancellationToken)
    {
        // An agent knows what it did itself: only others' events are news.
        if (string.Equals(meshEvent.PeerId, client.PeerId, StringComparison.Ordinal))
        {
            return;
        }

        _events.Add(meshEvent);
        await notifier.EventArrivedAsync(meshEvent, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DropSubscriptionAsync()
    {
        IAsyncDisposable? subscription = Interlocked.Exchange(ref _subscription, null);
        _subscribedTypes = [];
        if (subscription is not null)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Refused: {Code} {Reason}")]
        public static partial void Refused(ILogger logger, string code, string reason);
    }
}
