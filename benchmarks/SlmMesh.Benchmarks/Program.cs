using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/SlmMesh.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(SlmMesh.Benchmarks.FrameBenchmarks).Assembly).Run(args);
