using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>A temporary folder for model files and a way to build a service provider with serving.</summary>
public sealed class ServingFixture : IAsyncDisposable
{
    public ServingFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ml-sdk-serving-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public ServiceProvider? Provider { get; private set; }

    public string PathFor(string fileName) => Path.Combine(Root, fileName);

    public ServiceProvider Build(Action<MlServingOptions>? configure, Action<IMlServingBuilder> models, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        services?.Invoke(collection);
        IMlServingBuilder builder = configure is null ? collection.AddMlServing() : collection.AddMlServing(configure);
        models(builder);
        Provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return Provider;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
