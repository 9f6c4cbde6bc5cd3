using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Values;

namespace Ml.Sdk.FeatureStore.Offline.Internal;

/// <summary>The check of a whole ingestion batch against a view's schema, before anything is written.</summary>
internal static class OfflineRowRules
{
    public static void Check(RegisteredFeatureView view, IReadOnlyList<OfflineFeatureRow> rows)
    {
        for (int r = 0; r < rows.Count; r++)
        {
            OfflineFeatureRow row = rows[r] ?? throw new ArgumentException($"{view}: row {r} is null.", nameof(rows));
            if (row.JoinKeys is null || row.JoinKeys.Count != view.JoinKeys.Count)
            {
                throw new ArgumentException($"{view}: row {r} has {row.JoinKeys?.Count ?? 0} join key values for {view.JoinKeys.Count} join keys.", nameof(rows));
            }

            if (row.Features is null || row.Features.Count != view.View.Features.Count)
            {
                throw new ArgumentException($"{view}: row {r} has {row.Features?.Count ?? 0} feature values for {view.View.Features.Count} features.", nameof(rows));
            }

            for (int i = 0; i < row.JoinKeys.Count; i++)
            {
                object? key = row.JoinKeys[i];
                if (key is null || !FeatureValueRules.Fits(view.JoinKeys[i].Type, key))
                {
                    throw new ArgumentException(
                        $"{view}: row {r}, join key '{view.JoinKeys[i].Name}': {(key is null ? "null" : key.GetType().Name)} is not {view.JoinKeys[i].Type}.", nameof(rows));
                }
            }

            for (int i = 0; i < row.Features.Count; i++)
            {
                if (!FeatureValueRules.Fits(view.View.Features[i].Type, row.Features[i]))
                {
                    throw new ArgumentException(
                        $"{view}: row {r}, feature '{view.View.Features[i].Name}': {row.Features[i]!.GetType().Name} is not {view.View.Features[i].Type}.", nameof(rows));
                }
            }
        }
    }
}
