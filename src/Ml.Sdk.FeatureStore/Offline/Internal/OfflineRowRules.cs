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
            string where = $"{view}: row {r}";
            RowRules.CheckJoinKeys(view, row.JoinKeys, where, nameof(rows));
            RowRules.CheckFeatureValues(view, row.Features, where, nameof(rows));
        }
    }
}
