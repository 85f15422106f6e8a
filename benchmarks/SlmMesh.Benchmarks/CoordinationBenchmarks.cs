using System.Globalization;
using BenchmarkDotNet.Attributes;
using SlmMesh.Broker;
using SlmMesh.Coordination;

namespace SlmMesh.Benchmarks;

/// <summary>
/// What a lock request costs before it touches the store: normalising the path (with the file system, as the
/// broker does), the conflict test between two locks (plain paths and globs), parsing a glob, and the
/// engine's scan of the live lock table (<see cref="LockTable.FindConflict"/>) with 100 locks held.
/// </summary>
[MemoryDiagnoser]
public class CoordinationBenchmarks
{
    private TempFolder? _folder;
    private LockTable _table = null!;
    private string _free = string.Empty;
    private string _relative = string.Empty;
    private GlobPattern _sourceGlob = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        Directory.CreateDirectory(_folder.File("src"));
        _relative = "src/auth/../auth/TokenStore.cs";
        _free = Path.Combine(_folder.Path, "src", "free", "File.cs");
        _sourceGlob = GlobPattern.Parse("/repo/src/**/*.cs");

        // 50 files and 50 globs held by someone else, none conflicting with the requests measured.
        _table = new LockTable();
        for (int i = 0; i < 50; i++)
        {
            string n = i.ToString(CultureInfo.InvariantCulture);
            _table.Set(Lock(Path.Combine(_folder.Path, "held", $"file{n}.cs")));
            _table.Set(Lock(Path.Combine(_folder.Path, "held", $"dir{n}", "**", "*.cs")));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _folder?.Delete();

    [Benchmark]
    public bool PlainVsPlain() => LockPaths.Conflicts("/repo/src/auth/TokenStore.cs", "/repo/src/auth");

    [Benchmark]
    public bool GlobVsPlain() => LockPaths.Conflicts("/repo/src/auth/**", "/repo/src/auth/TokenStore.cs");

    [Benchmark]
    public bool GlobVsGlobOverlapping() => LockPaths.Conflicts("/repo/src/**/*.cs", "/repo/src/auth/**");

    [Benchmark]
    public bool GlobVsGlobDisjoint() => LockPaths.Conflicts("/repo/src/**/*.cs", "/repo/docs/**/*.md");

    [Benchmark]
    public object ParseGlob() => GlobPattern.Parse("/repo/src/**/[a-z]*Store?.cs");

    [Benchmark]
    public bool GlobIsMatch() => _sourceGlob.IsMatch("/repo/src/auth/deep/TokenStore.cs");

    /// <summary>A relative path with <c>..</c>, resolved against a real folder (symbolic links looked up).</summary>
    [Benchmark]
    public string NormalizeRelative() => LockPaths.Normalize(_relative, _folder!.Path);

    /// <summary>A free path checked against 100 held locks (50 globs): the whole table is scanned.</summary>
    [Benchmark]
    public LockInfo? FindConflictAmong100() => _table.FindConflict(_free, "p_me");

    private static LockInfo Lock(string path) => new()
    {
        Path = path,
        IsGlob = LockPaths.IsGlob(path),
        HolderId = "p_other",
        HolderName = "other",
        FencingToken = 1,
        AcquiredAt = SampleFrames.Now,
        ExpiresAt = SampleFrames.Now + 600_000,
    };
}
