using BenchmarkDotNet.Running;

// Run by hand, never in CI:
//   dotnet run -c Release --project benchmarks/Ml.Sdk.Registry.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
