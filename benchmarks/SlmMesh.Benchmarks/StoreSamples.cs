using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Broker;
using SlmMesh.Store;

namespace SlmMesh.Benchmarks;

/// <summary>
/// A store on a real file in a temp folder, seeded with 20,000 messages (10 recipients, half of each one's
/// read) and 1,000 state keys, and the rows the store benchmarks write.
/// </summary>
internal sealed class StoreSamples
{
    public const int Keys = 1_000;
    public const long Now = SampleFrames.Now;

    private const int Recipients = 10;
    private const int SeededPerRecipient = 2_000;

    private static readonly string Payload = new('x', 200);
    private static readonly string Value = new('v', 100);

    private readonly TempFolder _folder = new();
    private readonly bool _orderedIds;
    private long _next;

    public StoreSamples(bool orderedIds)
    {
        _orderedIds = orderedIds;
        Store = MeshStore.Open(_folder.File("mesh.db"), NullLogger.Instance);
        KeyNames = [.. Enumerable.Range(0, Keys).Select(i => "key-" + i.ToString(CultureInfo.InvariantCulture))];
        Store.BeginBatch();
        for (int r = 0; r < Recipients; r++)
        {
            string recipient = "peer-" + r.ToString(CultureInfo.InvariantCulture);
            var read = new List<string>();
            for (int i = 0; i < SeededPerRecipient; i++)
            {
                MeshMessage message = Message(recipient);
                Store.InsertMessage(message);
                if (i % 2 == 0)
                {
                    read.Add(message.Id);
                }
            }

            Store.MarkRead(recipient, read, Now);
        }

        foreach (string key in KeyNames)
        {
            Store.PutState(Entry(key, 1));
        }

        Store.CommitBatch();
    }

    public MeshStore Store { get; }

    public string[] KeyNames { get; }

    public void Delete()
    {
        Store.Dispose();
        _folder.Delete();
    }

    /// <summary>A message and its <c>message_sent</c> event, as the engine stores a send.</summary>
    public void InsertMessageAndEvent(string recipient)
    {
        MeshMessage message = Message(recipient);
        Store.InsertMessage(message);
        Store.AppendEvent(
            EventTypes.MessageSent,
            message.From,
            EventData.Of(("id", message.Id), ("from", message.From), ("fromName", message.FromName), ("to", message.To), ("type", message.Type), ("replyTo", null)),
            Now);
    }

    public static StateEntry Entry(string key, long version) => new()
    {
        Namespace = "load",
        Key = key,
        Value = Value,
        Version = version,
        UpdatedBy = "peer-1",
        UpdatedAt = Now,
    };

    private MeshMessage Message(string recipient) => new()
    {
        Id = NewId(),
        From = "p_0123456789abcdef",
        FromName = "claude-code-api",
        To = recipient,
        Type = "text",
        Payload = Payload,
        CreatedAt = Now,
        ExpiresAt = Now + 86_400_000,
    };

    /// <summary>Random like <c>MeshClient</c>'s ids (20 hex digits), or a counter in front of a shorter random part.</summary>
    private string NewId()
    {
        string random = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));
        return _orderedIds ? "m_" + (_next++).ToString("x12", CultureInfo.InvariantCulture) + random[..8] : "m_" + random;
    }
}
