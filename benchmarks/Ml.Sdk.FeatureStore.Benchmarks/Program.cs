using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Run by hand, never in CI (see docs/benchmarks.md):
//   dotnet run -c Release --project benchmarks/Ml.Sdk.FeatureStore.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
