// The feature store on a shared backend: two app instances (hosts) share one Redis online store, as several machines
// serving one model would. One instance materializes; the other serves what it wrote.
//
//   dotnet run -c Release --project samples/SharedFeatureStore                        (starts a throwaway redis-server)
//   dotnet run -c Release --project samples/SharedFeatureStore -- --redis host:6379   (uses yours; keys under "sample:fs:")
return await SharedFeatureStore.SharedFeatureStoreApp.RunAsync(args, Console.Out);
