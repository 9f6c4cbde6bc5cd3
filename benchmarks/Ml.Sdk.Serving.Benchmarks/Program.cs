using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Run by hand, never in CI (see docs/benchmarks.md). Every class writes the same seeded 32 → 64 → 64 → 10 MLP to a
// temporary folder and measures Ml.Sdk.Serving against its baseline in the same run:
//   dotnet run -c Release --project benchmarks/Ml.Sdk.Serving.Benchmarks -- --filter '*Serving.Benchmarks*'
//   dotnet run -c Release --project benchmarks/Ml.Sdk.Serving.Benchmarks -- --filter '*SingleCallerLatency*'
//   dotnet run -c Release --project benchmarks/Ml.Sdk.Serving.Benchmarks -- --filter '*ConcurrentCallers*' --job short
// BenchmarkDotNet rebuilds the project and its references (Serving, Registry, Core, ML.NET's) without the shared
// compiler: on a two-core machine that other builds load, that took longer than its default two-minute limit.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
