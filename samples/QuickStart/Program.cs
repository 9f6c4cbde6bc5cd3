// The QuickStart story: a .NET payments service adds fraud scoring without leaving .NET.
// Each Ml.Sdk package adds a chapter; see README.md and ../../docs/getting-started.md.
//
//   dotnet run -c Release --project samples/QuickStart                      (full size)
//   dotnet run -c Release --project samples/QuickStart -- --transactions 20000 --seed 7
return await QuickStart.QuickStartApp.RunAsync(args, Console.Out);
