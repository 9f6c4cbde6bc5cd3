using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ml.Sdk.Registry;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// A real SQLite registry in a temporary folder and a real <see cref="IHost"/> that serves from it, so that the
/// serving hosted service loads the models at start and follows alias moves and new versions through the registry's
/// change feed.
/// </summary>
public sealed class RegistryServingFixture : IAsyncDisposable
{
    private IHost? _host;
    private bool _started;

    public RegistryServingFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ml-sdk-serving-tests", "registry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Files);
    }

    public string Root { get; }

    /// <summary>Gets the folder where model files are written before they are registered.</summary>
    public string Files => Path.Combine(Root, "files");

    public IHost Host => _host ?? throw new InvalidOperationException("Call Build first.");

    public IModelRegistry Registry => Host.Services.GetRequiredService<IModelRegistry>();

    public IModelServer Server => Host.Services.GetRequiredService<IModelServer>();

    /// <summary>Builds the host (not started): the registry rooted in this folder, serving, and the given models.</summary>
    public IHost Build(Action<MlServingOptions>? configure, Action<IMlServingBuilder> models, Action<IServiceCollection>? services = null)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddMlRegistry(o => o.RootPath = Path.Combine(Root, "registry"));
        services?.Invoke(builder.Services);
        IMlServingBuilder serving = configure is null ? builder.Services.AddMlServing() : builder.Services.AddMlServing(configure);
        models(serving);
        _host = builder.Build();
        return _host;
    }

    /// <summary>Registers <c>y = x * factor</c> as the next version of <paramref name="name"/>.</summary>
    /// <returns>The version number the registry gave it.</returns>
    public async Task<int> RegisterScaleAsync(string name, float factor)
    {
        string path = VersionsModels.WriteScale(Files, $"{name}-{factor}-{Guid.NewGuid():N}.onnx", factor);
        ModelVersion version = await Registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = name,
            Format = ModelFormat.Onnx,
            Artifacts = [ArtifactSource.FromFile("model.onnx", path)],
        });
        return version.Version;
    }

    /// <summary>Registers versions 1..<paramref name="count"/> of <paramref name="name"/>, each scaling by its version number.</summary>
    public async Task RegisterVersionsAsync(string name, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            int version = await RegisterScaleAsync(name, i);
            Assert.Equal(i, version);
        }
    }

    public async Task StartAsync()
    {
        _started = true;
        await Host.StartAsync();
    }

    /// <summary>Waits until the model's default version is <paramref name="version"/> and nothing else is loaded unless asked.</summary>
    public Task WaitForDefaultAsync(string model, int version, params int[] loaded) =>
        VersionsPolling.UntilAsync(
            () =>
            {
                ServedModelStatus status = Server.GetStatus(model);
                int[] ready = [.. status.Versions.Where(static v => v.State == VersionState.Ready).Select(static v => v.Version)];
                return status.DefaultVersion == version && (loaded.Length == 0 || ready.SequenceEqual(loaded));
            },
            () => $"model '{model}' to serve version {version} with [{string.Join(", ", loaded)}] loaded; status: {VersionsStatus.Describe(Server.GetStatus(model))}");

    public async ValueTask DisposeAsync()
    {
        if (_host is IHost host)
        {
            if (_started)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await host.StopAsync(timeout.Token);
            }

            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }

        // Pooled connections keep the database open; release them so that the folder can go.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
