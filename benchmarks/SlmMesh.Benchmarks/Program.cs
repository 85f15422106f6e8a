using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/SlmMesh.Benchmarks -- --filter '*' --job short
// One class: --filter '*StoreBenchmarks*' (FrameBenchmarks, StoreBenchmarks, StoreQueryBenchmarks, CoordinationBenchmarks, MeshRoundTripBenchmarks).
BenchmarkSwitcher.FromAssembly(typeof(SlmMesh.Benchmarks.FrameBenchmarks).Assembly).Run(args);
