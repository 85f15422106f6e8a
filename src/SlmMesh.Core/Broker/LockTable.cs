using SlmMesh.Coordination;

namespace SlmMesh.Broker;

/// <summary>The live locks, in memory (the store keeps the durable copy). Engine thread only.</summary>
internal sealed class LockTable
{
    private readonly Dictionary<string, LockInfo> _byPath = new(StringComparer.Ordinal);

    public int Count => _byPath.Count;

    public IEnumerable<LockInfo> All => _byPath.Values;

    public LockInfo? Get(string path) => _byPath.GetValueOrDefault(path);

    public void Set(LockInfo lockInfo) => _byPath[lockInfo.Path] = lockInfo;

    public bool Remove(string path) => _byPath.Remove(path);

    public void Clear() => _byPath.Clear();

    /// <summary>The first lock held by someone other than <paramref name="holderId"/> that conflicts with <paramref name="path"/>.</summary>
    public LockInfo? FindConflict(string path, string holderId)
    {
        foreach (LockInfo held in _byPath.Values)
        {
            if (held.HolderId != holderId && LockPaths.Conflicts(path, held.Path))
            {
                return held;
            }
        }

        return null;
    }

    /// <summary>Every lock that conflicts with <paramref name="path"/>, whoever holds it.</summary>
    public List<LockInfo> Conflicting(string path)
    {
        var result = new List<LockInfo>();
        foreach (LockInfo held in _byPath.Values)
        {
            if (LockPaths.Conflicts(path, held.Path))
            {
                result.Add(held);
            }
        }

        return result;
    }

    public List<LockInfo> TakeExpired(long now) => Take(l => l.ExpiresAt <= now);

    public List<LockInfo> TakeHeldBy(string holderId) => Take(l => l.HolderId == holderId);

    private List<LockInfo> Take(Func<LockInfo, bool> predicate)
    {
        var taken = new List<LockInfo>();
        foreach (LockInfo held in _byPath.Values)
        {
            if (predicate(held))
            {
                taken.Add(held);
            }
        }

        foreach (LockInfo held in taken)
        {
            _byPath.Remove(held.Path);
        }

        return taken;
    }
}
