using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Materialization;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Online;

namespace Ml.Sdk.FeatureStore;

/// <summary>The <see cref="IFeatureStore"/> over a catalog, an offline store, an online store and a materializer.</summary>
/// <param name="catalog">The definitions.</param>
/// <param name="offline">The offline store.</param>
/// <param name="retriever">Reads the online store for services.</param>
/// <param name="materializer">Copies offline to online.</param>
public sealed class FeatureStore(FeatureCatalog catalog, DuckDbOfflineStore offline, OnlineFeatureRetriever retriever, FeatureMaterializer materializer) : IFeatureStore
{
    /// <inheritdoc/>
    public FeatureCatalog Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <inheritdoc/>
    public Task<int> IngestAsync(string view, IReadOnlyList<OfflineFeatureRow> rows, CancellationToken cancellationToken = default) =>
        offline.IngestAsync(Catalog.GetView(view), rows, cancellationToken);

    /// <inheritdoc/>
    public Task<HistoricalFeatures> GetHistoricalFeaturesAsync(EntityRows entityRows, string featureService, CancellationToken cancellationToken = default) =>
        offline.GetHistoricalFeaturesAsync(entityRows, Catalog.GetService(featureService), cancellationToken);

    /// <inheritdoc/>
    public Task<HistoricalFeatures> GetHistoricalFeaturesAsync(EntityRows entityRows, IEnumerable<string> features, CancellationToken cancellationToken = default) =>
        offline.GetHistoricalFeaturesAsync(entityRows, Catalog.ResolveFeatures(features), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<OnlineFeatureBatch> GetOnlineFeaturesAsync(string featureService, IReadOnlyList<EntityKey> keys, CancellationToken cancellationToken = default) =>
        retriever.GetOnlineFeaturesAsync(Catalog.GetService(featureService), keys, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<OnlineFeatureBatch> GetOnlineFeaturesAsync(string featureService, IReadOnlyList<EntityKey> keys, OnDemandRequest? requestData, CancellationToken cancellationToken = default) =>
        retriever.GetOnlineFeaturesAsync(Catalog.GetService(featureService), keys, requestData, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<MaterializationProgress>> MaterializeAsync(
        DateTimeOffset start, DateTimeOffset until, IProgress<MaterializationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var done = new List<MaterializationProgress>();
        foreach (RegisteredFeatureView view in Catalog.Views)
        {
            done.Add(await materializer.MaterializeAsync(view, start, until, progress, cancellationToken).ConfigureAwait(false));
        }

        return done;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<MaterializationProgress>> MaterializeIncrementalAsync(
        DateTimeOffset until, IProgress<MaterializationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var done = new List<MaterializationProgress>();
        foreach (RegisteredFeatureView view in Catalog.Views)
        {
            done.Add(await materializer.MaterializeIncrementalAsync(view, until, progress, cancellationToken).ConfigureAwait(false));
        }

        return done;
    }
}
