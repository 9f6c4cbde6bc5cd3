using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>The model served as an application serves it: <c>AddMlServing().AddModel(...)</c>, a keyed client, DI owning the server.</summary>
internal sealed class ServedMlp : IAsyncDisposable
{
    public const string ModelName = "mlp";

    private readonly ServiceProvider _provider;

    private ServedMlp(ServiceProvider provider)
    {
        _provider = provider;
        Client = provider.GetRequiredKeyedService<IModelClient>(ModelName);
    }

    public IModelClient Client { get; }

    /// <summary>Builds the services and waits until the model is loaded and warmed up.</summary>
    public static async Task<ServedMlp> StartAsync(string path)
    {
        var services = new ServiceCollection();
        services.AddMlServing(static o =>
            {
                o.MaxBatchSize = 64;
                // The baselines run on the CPU: so does the served model, on a machine with a GPU too.
                o.Device = ComputeDevice.Cpu;
                // MLSDK_SHARED_POOL=1 measures the shared ONNX Runtime thread pool (off by default).
                o.UseSharedThreadPool = Environment.GetEnvironmentVariable("MLSDK_SHARED_POOL") == "1";
            })
            .AddModel(ModelName, m => m.FromFile(path));
        var served = new ServedMlp(services.BuildServiceProvider());
        await served._provider.GetRequiredService<IModelServer>().WaitUntilReadyAsync();
        return served;
    }

    /// <summary>The server is <see cref="IAsyncDisposable"/> only: the provider must be disposed asynchronously.</summary>
    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
