using BenchmarkDotNet.Running;

// Run by hand, never in CI (each class sets its own job; see docs/benchmarks.md):
//   dotnet run -c Release --project benchmarks/Ml.Sdk.Training.Benchmarks -- --filter '*TrainerOverhead*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
