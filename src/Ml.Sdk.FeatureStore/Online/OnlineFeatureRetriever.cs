using System.Collections.Concurrent;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Catalog.Internal;
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
    /// The service has an on-demand feature with request fields (use the overload with request data).
    /// </exception>
    /// <exception cref="OnDemandFeatureException">An on-demand view's transform failed.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public ValueTask<OnlineFeatureBatch> GetOnlineFeaturesAsync(
        RegisteredFeatureService service,
        IReadOnlyList<EntityKey> keys,
        CancellationToken cancellationToken = default) =>
        GetOnlineFeaturesAsync(service, keys, null, cancellationToken);

    /// <summary>
    /// Reads each stored view of a service once for the keys (including the views its on-demand features read), at one
    /// read time, computes its on-demand features per key from those values and the request data, and returns the
    /// features in the service's schema order.
    /// </summary>
    /// <param name="service">The service; all the stored views it reads must have the same join keys, which each key gives in order.</param>
    /// <param name="keys">The entity keys, one per row of the batch.</param>
    /// <param name="requestData">
    /// The request fields of the service's on-demand views, one row per key; null when none takes request fields.
    /// </param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>
    /// The batch. An on-demand value is <see cref="FeatureValueStatus.Present"/> when the transform set a value and
    /// <see cref="FeatureValueStatus.Missing"/> when it set null, whatever the status of its sources: a missing or expired
    /// source is a missing input, and the value is what the transform makes of it. It has no event timestamp.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The service's views have different join keys, or a key does not match them; the request data lacks a request
    /// field (by name and type) or has another number of rows than there are keys.
    /// </exception>
    /// <exception cref="OnDemandFeatureException">An on-demand view's transform threw (the inner exception), set a value of a wrong type, or left an output unset.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public async ValueTask<OnlineFeatureBatch> GetOnlineFeaturesAsync(
        RegisteredFeatureService service,
        IReadOnlyList<EntityKey> keys,
        OnDemandRequest? requestData,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(keys);
        ServicePlan plan = _plans.GetOrAdd(service, static s => ServicePlan.Create(s));
        IReadOnlyList<EntityKey> keyCopy = [.. keys];
        int[][]? requestColumns = plan.OnDemand is null ? null : MatchRequest(service, plan.OnDemand, keyCopy.Count, requestData);
        DateTimeOffset now = _timeProvider.GetUtcNow();
        var reads = new OnlineReadResult[plan.Views.Length];
        for (int v = 0; v < reads.Length; v++)
        {
            reads[v] = await _store.ReadAsync(plan.Views[v], keyCopy, now, cancellationToken).ConfigureAwait(false);
        }

        var columnReads = new OnlineReadResult?[plan.ColumnViews.Length];
        for (int c = 0; c < columnReads.Length; c++)
        {
            columnReads[c] = plan.ColumnViews[c] >= 0 ? reads[plan.ColumnViews[c]] : null;
        }

        object?[]? computed = plan.OnDemand is null ? null : Compute(plan.OnDemand, reads, keyCopy.Count, requestData, requestColumns!);
        return new OnlineFeatureBatch(service, keyCopy, now, columnReads, plan.ColumnFeatures, computed, plan.OnDemand?.ComputedColumns.Length ?? 0);
    }

    /// <summary>Per on-demand view, the index in the request data of each request field.</summary>
    private static int[][] MatchRequest(RegisteredFeatureService service, OnDemandPlan plan, int rows, OnDemandRequest? requestData)
    {
        var columns = new int[plan.Views.Length][];
        for (int v = 0; v < plan.Views.Length; v++)
        {
            IReadOnlyList<Field> wanted = plan.Views[v].RequestFields;
            columns[v] = new int[wanted.Count];
            for (int i = 0; i < wanted.Count; i++)
            {
                int found = -1;
                for (int f = 0; requestData is not null && f < requestData.Fields.Count; f++)
                {
                    if (requestData.Fields[f].Name == wanted[i].Name)
                    {
                        found = f;
                        break;
                    }
                }

                if (found < 0 || requestData!.Fields[found].Type != wanted[i].Type)
                {
                    throw new ArgumentException(
                        found < 0
                            ? $"The on-demand feature view '{plan.Views[v].Name}' of the feature service '{service.Reference}' takes the request field '{wanted[i].Name}' ({wanted[i].Type}), which the request data does not have."
                            : $"The on-demand feature view '{plan.Views[v].Name}' takes the request field '{wanted[i].Name}' as {wanted[i].Type}; the request data has it as {requestData!.Fields[found].Type}.",
                        nameof(requestData));
                }

                columns[v][i] = found;
            }
        }

        if (requestData is not null && requestData.Count != rows && columns.Any(c => c.Length > 0))
        {
            throw new ArgumentException($"The request data has {requestData.Count} rows for {rows} entity keys; give one row per key.", nameof(requestData));
        }

        return columns;
    }

    /// <summary>Runs the on-demand views row by row; returns the computed columns, row-major.</summary>
    private static object?[] Compute(OnDemandPlan plan, OnlineReadResult[] reads, int rows, OnDemandRequest? requestData, int[][] requestColumns)
    {
        OnDemandEvaluator[] evaluators = [.. plan.Views.Select(v => new OnDemandEvaluator(v))];
        int width = plan.ComputedColumns.Length;
        var computed = new object?[rows * width];
        for (int r = 0; r < rows; r++)
        {
            for (int v = 0; v < evaluators.Length; v++)
            {
                object?[] inputs = evaluators[v].Input.Values;
                (int View, int Feature)[] sources = plan.Sources[v];
                for (int s = 0; s < sources.Length; s++)
                {
                    // A missing or expired source reads as null: the transform sees a missing input.
                    inputs[s] = reads[sources[s].View].GetValue(r, sources[s].Feature);
                }

                int[] request = requestColumns[v];
                for (int i = 0; i < request.Length; i++)
                {
                    inputs[sources.Length + i] = requestData!.ValuesAt(r)[request[i]];
                }

                evaluators[v].Run();
            }

            for (int c = 0; c < width; c++)
            {
                (int view, int output) = plan.ComputedColumns[c];
                computed[(r * width) + c] = evaluators[view].Outputs[output];
            }
        }

        return computed;
    }

    /// <summary>
    /// What a service's reads need, worked out once per service version: its stored views, and per column the view and
    /// feature index (view -1 and the computed column's index for an on-demand feature).
    /// </summary>
    private sealed record ServicePlan(RegisteredFeatureView[] Views, int[] ColumnViews, int[] ColumnFeatures, OnDemandPlan? OnDemand)
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
            RegisteredOnDemandFeatureView[] onDemandViews = [.. service.OnDemandViews];
            var computedColumns = new List<(int View, int Output)>();
            for (int c = 0; c < columns.Count; c++)
            {
                if (columns[c].OnDemandView is { } onDemand)
                {
                    columnViews[c] = -1;
                    columnFeatures[c] = computedColumns.Count;
                    computedColumns.Add((Array.IndexOf(onDemandViews, onDemand), onDemand.OutputIndex[columns[c].Field.Name]));
                    continue;
                }

                columnViews[c] = Array.IndexOf(views, columns[c].View);
                columnFeatures[c] = IndexOfFeature(columns[c].View, columns[c].Field.Name);
            }

            OnDemandPlan? plan = onDemandViews.Length == 0 ? null : new OnDemandPlan(
                onDemandViews,
                [.. onDemandViews.Select(v => v.Sources.Select(s => (Array.IndexOf(views, s.View), IndexOfFeature(s.View, s.Field.Name))).ToArray())],
                [.. computedColumns]);
            return new ServicePlan(views, columnViews, columnFeatures, plan);
        }
    }

    /// <summary>A service's on-demand views, per view where each source comes from, and per computed column its view and output.</summary>
    private sealed record OnDemandPlan(RegisteredOnDemandFeatureView[] Views, (int View, int Feature)[][] Sources, (int View, int Output)[] ComputedColumns);

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
