using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Catalog.Internal;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Offline.Internal;

/// <summary>
/// How a historical retrieval with on-demand features turns each row of its SQL (entity columns, timestamp, the stored
/// features the request and the on-demand views need) into a result row (entity columns, timestamp, the requested
/// features in request order), running each on-demand view's transform once per row.
/// </summary>
internal sealed class OnDemandRowPlan
{
    private readonly int _prefix;
    private readonly RegisteredOnDemandFeatureView[] _views;
    private readonly int[][] _inputColumns;
    private readonly int[] _resultSqlColumns;
    private readonly int[] _resultViews;
    private readonly int[] _resultOutputs;

    private OnDemandRowPlan(IReadOnlyList<Field> entityColumns, IReadOnlyList<ServiceFeature> requested, List<ServiceFeature> stored)
    {
        _prefix = entityColumns.Count + 1;
        _views = [.. requested.Where(f => f.IsOnDemand).Select(f => f.OnDemandView!).Distinct()];
        _inputColumns = new int[_views.Length][];
        for (int v = 0; v < _views.Length; v++)
        {
            RegisteredOnDemandFeatureView view = _views[v];
            IEnumerable<int> sources = view.Sources.Select(s => _prefix + stored.IndexOf(s));
            IEnumerable<int> request = view.RequestFields.Select(r => IndexOfColumn(entityColumns, r.Name));
            _inputColumns[v] = [.. sources, .. request];
        }

        _resultSqlColumns = new int[requested.Count];
        _resultViews = new int[requested.Count];
        _resultOutputs = new int[requested.Count];
        for (int i = 0; i < requested.Count; i++)
        {
            ServiceFeature feature = requested[i];
            if (feature.IsOnDemand)
            {
                _resultSqlColumns[i] = -1;
                _resultViews[i] = Array.IndexOf(_views, feature.OnDemandView);
                _resultOutputs[i] = feature.OnDemandView!.OutputIndex[feature.Field.Name];
            }
            else
            {
                _resultSqlColumns[i] = _prefix + stored.IndexOf(feature);
            }
        }

        StoredFeatures = stored;
        SqlColumnCount = _prefix + stored.Count;
    }

    /// <summary>The stored features the SQL reads: those requested, in request order, then the other sources of the on-demand views.</summary>
    public IReadOnlyList<ServiceFeature> StoredFeatures { get; }

    /// <summary>The number of columns of the SQL's rows.</summary>
    public int SqlColumnCount { get; }

    /// <summary>A plan, or null when no requested feature is on demand (the SQL's rows are then the result).</summary>
    public static OnDemandRowPlan? Create(IReadOnlyList<Field> entityColumns, IReadOnlyList<ServiceFeature> requested)
    {
        if (!requested.Any(f => f.IsOnDemand))
        {
            return null;
        }

        var stored = new List<ServiceFeature>();
        foreach (ServiceFeature feature in requested.Where(f => !f.IsOnDemand)
                     .Concat(requested.Where(f => f.IsOnDemand).Select(f => f.OnDemandView!).Distinct().SelectMany(v => v.Sources)))
        {
            if (!stored.Contains(feature))
            {
                stored.Add(feature);
            }
        }

        return new OnDemandRowPlan(entityColumns, requested, stored);
    }

    /// <summary>The evaluators of one read; each read makes its own, since they hold the row being computed.</summary>
    public OnDemandEvaluator[] CreateEvaluators() => [.. _views.Select(v => new OnDemandEvaluator(v))];

    /// <summary>Computes the result row of a SQL row.</summary>
    /// <exception cref="OnDemandFeatureException">A transform failed.</exception>
    public object?[] ToResult(object?[] sqlRow, OnDemandEvaluator[] evaluators)
    {
        for (int v = 0; v < evaluators.Length; v++)
        {
            object?[] inputs = evaluators[v].Input.Values;
            int[] columns = _inputColumns[v];
            for (int i = 0; i < columns.Length; i++)
            {
                inputs[i] = sqlRow[columns[i]];
            }

            evaluators[v].Run();
        }

        var result = new object?[_prefix + _resultSqlColumns.Length];
        Array.Copy(sqlRow, result, _prefix);
        for (int i = 0; i < _resultSqlColumns.Length; i++)
        {
            result[_prefix + i] = _resultSqlColumns[i] >= 0
                ? sqlRow[_resultSqlColumns[i]]
                : evaluators[_resultViews[i]].Outputs[_resultOutputs[i]];
        }

        return result;
    }

    private static int IndexOfColumn(IReadOnlyList<Field> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The entity rows have no column '{name}'.");
    }
}
