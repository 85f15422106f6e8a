using System.Text.Json.Serialization;

namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>Source-generated JSON for everything the host writes (no reflection, so Native AOT stays clean).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorResult))]
[JsonSerializable(typeof(PeersResult))]
[JsonSerializable(typeof(SummaryResult))]
[JsonSerializable(typeof(SendResult))]
[JsonSerializable(typeof(InboxResult))]
[JsonSerializable(typeof(WaitResult))]
[JsonSerializable(typeof(StateResult))]
[JsonSerializable(typeof(LockResult))]
[JsonSerializable(typeof(EventsResult))]
[JsonSerializable(typeof(StatusResult))]
[JsonSerializable(typeof(MessageView))]
[JsonSerializable(typeof(EventView))]
[JsonSerializable(typeof(IReadOnlyList<MessageView>))]
[JsonSerializable(typeof(ResourceUpdatedParams))]
[JsonSerializable(typeof(ChannelParams))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
internal sealed partial class MeshJsonContext : JsonSerializerContext;
