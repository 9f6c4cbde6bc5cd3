using BenchmarkDotNet.Running;

// Run by hand, never in CI. Examples:
//   dotnet run -c Release --project benchmarks/Ml.Sdk.Core.Benchmarks -- --filter '*' --job short
//   dotnet run -c Release --project benchmarks/Ml.Sdk.Core.Benchmarks -- --filter '*Softmax*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
