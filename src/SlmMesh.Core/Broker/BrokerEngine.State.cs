using System.Text;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    private const string DefaultNamespace = "default";
    private const int MaxKeyLength = 256;
    private const int MaxStateList = 1000;

    private StateEntry GetState(StateGetRequest request)
    {
        string ns = Namespace(request.Namespace);
        string key = Key(request.Key);
        return _store.GetState(ns, key) is { Deleted: false } row
            ? row.Entry
            : throw new MeshException(MeshErrorCode.NotFound, $"No key '{key}' in namespace '{ns}'.");
    }

    private StateEntry SetState(BrokerSession session, StateSetRequest request)
    {
        PeerState peer = RequirePeer(session);
        string ns = Namespace(request.Namespace);
        string key = Key(request.Key);
        int size = Encoding.UTF8.GetByteCount(request.Value);
        if (size > _options.MaxStateValueBytes)
        {
            throw new MeshException(MeshErrorCode.TooLarge, $"The value is {size} bytes; the limit is {_options.MaxStateValueBytes} bytes.");
        }

        (StateEntry Entry, bool Deleted)? current = _store.GetState(ns, key);
        CheckExpectedVersion(ns, key, request.ExpectedVersion, current);
        var entry = new StateEntry
        {
            Namespace = ns,
            Key = key,
            Value = request.Value,
            Version = (current?.Entry.Version ?? 0) + 1,
            UpdatedBy = peer.Id,
            UpdatedAt = Now,
        };
        _store.PutState(entry);
        Emit(EventTypes.StateChanged, peer.Id, EventData.Of(("namespace", ns), ("key", key), ("version", entry.Version), ("updatedBy", peer.Info.Name)));
        return entry;
    }

    private StateListResponse ListState(StateListRequest request)
    {
        string? ns = string.IsNullOrEmpty(request.Namespace) ? null : Namespace(request.Namespace);
        return new StateListResponse { Entries = _store.ListState(ns, string.IsNullOrEmpty(request.Prefix) ? null : request.Prefix, MaxStateList) };
    }

    private StateDeleteResponse DeleteState(BrokerSession session, StateDeleteRequest request)
    {
        PeerState peer = RequirePeer(session);
        string ns = Namespace(request.Namespace);
        string key = Key(request.Key);
        (StateEntry Entry, bool Deleted)? current = _store.GetState(ns, key);
        CheckExpectedVersion(ns, key, request.ExpectedVersion, current);
        if (current is not { Deleted: false } live)
        {
            return new StateDeleteResponse { Deleted = false, Version = current?.Entry.Version ?? 0 };
        }

        long version = live.Entry.Version + 1;
        _store.DeleteState(ns, key, version, peer.Id, Now);
        Emit(EventTypes.StateDeleted, peer.Id, EventData.Of(("namespace", ns), ("key", key), ("version", version), ("deletedBy", peer.Info.Name)));
        return new StateDeleteResponse { Deleted = true, Version = version };
    }

    private static void CheckExpectedVersion(string ns, string key, long? expected, (StateEntry Entry, bool Deleted)? current)
    {
        if (expected is not { } wanted)
        {
            return;
        }

        if (wanted < 0)
        {
            throw Invalid("expectedVersion must be 0 (must not exist) or a version.");
        }

        long actual = current is { Deleted: false } live ? live.Entry.Version : 0;
        if (actual != wanted)
        {
            throw new MeshException(new ErrorBody
            {
                Code = MeshErrorCode.Conflict,
                Message = actual == 0
                    ? $"Key '{key}' in '{ns}' does not exist (expected version {wanted})."
                    : wanted == 0
                        ? $"Key '{key}' in '{ns}' already exists at version {actual}."
                        : $"Key '{key}' in '{ns}' is at version {actual}, not {wanted}.",
                CurrentVersion = actual,
            });
        }
    }

    private static string Namespace(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DefaultNamespace;
        }

        return value.Length > MaxKeyLength ? throw Invalid($"A namespace is at most {MaxKeyLength} characters.") : value;
    }

    private static string Key(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid("'key' is required.");
        }

        return value.Length > MaxKeyLength ? throw Invalid($"A key is at most {MaxKeyLength} characters.") : value;
    }
}
