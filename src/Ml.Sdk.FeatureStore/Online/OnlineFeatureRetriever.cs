using System.Collections.Concurrent;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// Reads a feature service's features for entity keys from an online store, as of the time its <see cref="TimeProvider"/>
/// gives, into a batch in the service's schema order.
/// </summary>
public sealed class OnlineFeatureRetriever
{
    private readonly IOnlineStore _store;
    private readonly TimeProvider _timeProvider;

    // Service versions never change, so their plans are kept (by reference: a record's hash would walk its contents).
    private readonly ConcurrentDictionary<RegisteredFeatureService, ServicePlan> _plans = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a retriever.</summary>
    /// <param name="store">The online store; the caller (or DI) owns its lifetime.</param>
    /// <param name="timeProvider">The clock that gives the read time for TTLs; <see cref="TimeProvider.System"/> by default.</param>
    public OnlineFeatureRetriever(IOnlineStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Reads each view of a service once for the keys, at one read time, and returns the features in the service's
    /// schema order.
    /// </summary>
    /// <param name="service">The service; all its views must have the same join keys, which each key gives in order.</param>
    /// <param name="keys">The entity keys, one per row of the batch.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">
    /// The service's views have different join keys, or a key does not match them; the message names the views or the key.
    /// </exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public async ValueTask<OnlineFeatureBatch> GetOnlineFeaturesAsync(
        RegisteredFeatureService service,
        IReadOnlyList<EntityKey> keys,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(keys);
        ServicePlan plan = _plans.GetOrAdd(service, static s => ServicePlan.Create(s));
        IReadOnlyList<EntityKey> keyCopy = [.. keys];
        DateTimeOffset now = _timeProvider.GetUtcNow();
        var reads = new OnlineReadResult[plan.Views.Length];
        for (int v = 0; v < reads.Length; v++)
        {
            reads[v] = await _store.ReadAsync(plan.Views[v], keyCopy, now, cancellationToken).ConfigureAwait(false);
        }

        var columnReads = new OnlineReadResult[plan.ColumnViews.Length];
        for (int c = 0; c < columnReads.Length; c++)
        {
            columnReads[c] = reads[plan.ColumnViews[c]];
        }

        return new OnlineFeatureBatch(service, keyCopy, now, columnReads, plan.ColumnFeatures);
    }

    /// <summary>What a service's reads need, worked out once per service version: its views, and per column the view and feature index.</summary>
    private sealed record ServicePlan(RegisteredFeatureView[] Views, int[] ColumnViews, int[] ColumnFeatures)
    {
        public static ServicePlan Create(RegisteredFeatureService service)
        {
            RegisteredFeatureView[] views = [.. service.Views];
            IReadOnlyList<Field> joinKeys = views[0].JoinKeys;
            if (views.Any(v => !v.JoinKeys.SequenceEqual(joinKeys)))
            {
                throw new ArgumentException(
                    $"The feature service '{service.Reference}' reads views with different join keys ({string.Join("; ", views.Select(v => $"{v}: {string.Join(", ", v.JoinKeys)}"))}); online retrieval takes one entity key for every view, so split the service by entity.",
                    nameof(service));
            }

            IReadOnlyList<ServiceFeature> columns = service.Features;
            int[] columnViews = new int[columns.Count];
            int[] columnFeatures = new int[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                columnViews[c] = Array.IndexOf(views, columns[c].View);
                columnFeatures[c] = IndexOfFeature(columns[c].View, columns[c].Field.Name);
            }

            return new ServicePlan(views, columnViews, columnFeatures);
        }
    }

    private static int IndexOfFeature(RegisteredFeatureView view, string name)
    {
        IReadOnlyList<Field> features = view.View.Features;
        for (int i = 0; i < features.Count; i++)
        {
            if (features[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{view} has no feature '{name}', which its service names.");
    }
}
