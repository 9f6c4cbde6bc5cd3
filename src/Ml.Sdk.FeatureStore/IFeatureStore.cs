using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Materialization;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Online;

namespace Ml.Sdk.FeatureStore;

/// <summary>
/// The feature store as an app uses it, by name: ingest history, build point-in-time correct training sets, materialize
/// to the online store and read online features for serving. <c>services.AddMlFeatureStore()</c> registers it.
/// </summary>
public interface IFeatureStore
{
    /// <summary>Gets the registered definitions.</summary>
    FeatureCatalog Catalog { get; }

    /// <summary>Appends rows to the latest version of a view (see <see cref="DuckDbOfflineStore.IngestAsync"/>).</summary>
    /// <param name="view">The view's name.</param>
    /// <param name="rows">The rows; a bad batch is rejected whole.</param>
    /// <param name="cancellationToken">Stops before the write.</param>
    /// <returns>The number of rows written.</returns>
    Task<int> IngestAsync(string view, IReadOnlyList<OfflineFeatureRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Builds a training set for the latest version of a feature service (Feast's point-in-time join).</summary>
    /// <param name="entityRows">The entity rows.</param>
    /// <param name="featureService">The service's name.</param>
    /// <param name="cancellationToken">Stops loading the entity rows.</param>
    /// <returns>The training set; dispose it.</returns>
    Task<HistoricalFeatures> GetHistoricalFeaturesAsync(EntityRows entityRows, string featureService, CancellationToken cancellationToken = default);

    /// <summary>Builds a training set for Feast-style feature references (<c>view:feature</c> or <c>view</c>).</summary>
    /// <param name="entityRows">The entity rows.</param>
    /// <param name="features">The references.</param>
    /// <param name="cancellationToken">Stops loading the entity rows.</param>
    /// <returns>The training set; dispose it.</returns>
    Task<HistoricalFeatures> GetHistoricalFeaturesAsync(EntityRows entityRows, IEnumerable<string> features, CancellationToken cancellationToken = default);

    /// <summary>Reads the latest version of a feature service's features for entity keys, in the service's schema order.</summary>
    /// <param name="featureService">The service's name.</param>
    /// <param name="keys">The entity keys.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A batch with a status per value, ready to copy into a model input.</returns>
    ValueTask<OnlineFeatureBatch> GetOnlineFeaturesAsync(string featureService, IReadOnlyList<EntityKey> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the latest version of a feature service's features for entity keys, computing its on-demand features from
    /// the stored values and the request data (see <see cref="OnlineFeatureRetriever.GetOnlineFeaturesAsync(Catalog.RegisteredFeatureService, IReadOnlyList{EntityKey}, OnDemandRequest?, CancellationToken)"/>).
    /// </summary>
    /// <param name="featureService">The service's name.</param>
    /// <param name="keys">The entity keys.</param>
    /// <param name="requestData">The on-demand views' request fields, one row per key; null when none takes request fields.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A batch with a status per value, ready to copy into a model input.</returns>
    ValueTask<OnlineFeatureBatch> GetOnlineFeaturesAsync(string featureService, IReadOnlyList<EntityKey> keys, OnDemandRequest? requestData, CancellationToken cancellationToken = default);

    /// <summary>Materializes [start, end] of the latest version of every view.</summary>
    /// <param name="start">The start, inclusive.</param>
    /// <param name="until">The end, inclusive.</param>
    /// <param name="progress">Receives each view's position after every chunk.</param>
    /// <param name="cancellationToken">Stops between chunks; a rerun resumes.</param>
    /// <returns>The final position of each view.</returns>
    Task<IReadOnlyList<MaterializationProgress>> MaterializeAsync(DateTimeOffset start, DateTimeOffset until, IProgress<MaterializationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Materializes the latest version of every view from its watermark to <paramref name="until"/>.</summary>
    /// <param name="until">The end, inclusive.</param>
    /// <param name="progress">Receives each view's position after every chunk.</param>
    /// <param name="cancellationToken">Stops between chunks; a rerun resumes.</param>
    /// <returns>The final position of each view.</returns>
    Task<IReadOnlyList<MaterializationProgress>> MaterializeIncrementalAsync(DateTimeOffset until, IProgress<MaterializationProgress>? progress = null, CancellationToken cancellationToken = default);
}
