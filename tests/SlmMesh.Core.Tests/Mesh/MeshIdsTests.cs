namespace SlmMesh.Core.Tests.Mesh;

public sealed class MeshIdsTests
{
    [Fact]
    public void Ids_are_unique_and_sort_by_creation_time()
    {
        string first = MeshIds.New('m');
        var many = Enumerable.Range(0, 10_000).Select(_ => MeshIds.New('m')).ToList();
        string later = MeshIds.New('m');

        Assert.Equal(many.Count, many.Distinct().Count());
        Assert.Matches("^m_[0-9a-f]{28}$", first);
        Assert.True(string.CompareOrdinal(first[..14], later[..14]) <= 0, "the time part never goes back");
        Assert.All(many, id => Assert.True(string.CompareOrdinal(first[..14], id[..14]) <= 0));
    }
}
