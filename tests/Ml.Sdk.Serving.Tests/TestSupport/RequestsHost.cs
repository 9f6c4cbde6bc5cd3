using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Core.Observability;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// One model served for a request test: a temporary folder, the model file written there, a service provider with
/// serving (on the CPU) and, unless turned off, a <see cref="RecordingObserver"/>. Every host gets a model name of
/// its own, so that measurements on the process-wide meter can be told apart by their model tag.
/// </summary>
public sealed class RequestsHost : IAsyncDisposable
{
    private readonly ServingFixture _fixture;

    private RequestsHost(ServingFixture fixture, string modelName, RecordingObserver? observer)
    {
        _fixture = fixture;
        ModelName = modelName;
        Observer = observer;
        Provider = fixture.Provider!;
        Server = Provider.GetRequiredService<IModelServer>();
        Client = Provider.GetRequiredKeyedService<IModelClient>(modelName);
    }

    /// <summary>Gets the served model's name (unique to this host).</summary>
    public string ModelName { get; }

    /// <summary>Gets the observer, or <see langword="null"/> when the host has none.</summary>
    public RecordingObserver? Observer { get; }

    /// <summary>Gets the service provider.</summary>
    public ServiceProvider Provider { get; }

    /// <summary>Gets the model server.</summary>
    public IModelServer Server { get; }

    /// <summary>Gets the model's client (the keyed <see cref="IModelClient"/>).</summary>
    public IModelClient Client { get; }

    /// <summary>Gets the status of the model's only version.</summary>
    public ServedVersionStatus Version => Server.GetStatus(ModelName).Versions.Single();

    /// <summary>Writes a model, serves it as version 1 and waits until it is loaded and warmed up.</summary>
    /// <param name="prefix">The start of the model's name.</param>
    /// <param name="writeModel">Writes the model file to the path it is given.</param>
    /// <param name="configure">Sets the served model's options (after <c>FromFile</c>).</param>
    /// <param name="observe">Whether to register a <see cref="RecordingObserver"/>.</param>
    /// <param name="services">Adds services before serving is added.</param>
    /// <param name="serving">Sets serving's options (after the device, which is the CPU).</param>
    public static async Task<RequestsHost> StartAsync(
        string prefix,
        Action<string> writeModel,
        Action<ServedModelOptions>? configure = null,
        bool observe = true,
        Action<IServiceCollection>? services = null,
        Action<MlServingOptions>? serving = null)
    {
        var fixture = new ServingFixture();
        try
        {
            string modelName = $"{prefix}-{Guid.NewGuid():N}";
            string path = fixture.PathFor(prefix + ".onnx");
            writeModel(path);
            RecordingObserver? observer = observe ? new RecordingObserver() : null;
            fixture.Build(
                options =>
                {
                    options.Device = ComputeDevice.Cpu;
                    serving?.Invoke(options);
                },
                builder => builder.AddModel(modelName, model =>
                {
                    model.FromFile(path);
                    configure?.Invoke(model);
                }),
                collection =>
                {
                    if (observer is not null)
                    {
                        collection.AddSingleton<IInferenceObserver>(observer);
                    }

                    services?.Invoke(collection);
                });
            var host = new RequestsHost(fixture, modelName, observer);
            await host.Server.WaitUntilReadyAsync();
            return host;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits (polling, bounded) until the version's queue is empty.</summary>
    /// <returns>The last queue length read (0 unless the bound passed).</returns>
    public async Task<int> WaitForEmptyQueueAsync()
    {
        (int queued, _) = await WaitForIdleAsync();
        return queued;
    }

    /// <summary>
    /// Waits (polling, bounded) until the version has nothing queued and nothing in flight: callers of a batch are woken
    /// before the engine lets go of their requests, so a caller may see its answer a moment before that.
    /// </summary>
    /// <returns>The last queue length and in-flight count read (both 0 unless the bound passed).</returns>
    public async Task<(int Queued, int InFlight)> WaitForIdleAsync()
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            ServedVersionStatus status = Version;
            if ((status.QueueLength == 0 && status.InFlight == 0) || DateTime.UtcNow > deadline)
            {
                return (status.QueueLength, status.InFlight);
            }

            await Task.Delay(5);
        }
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
