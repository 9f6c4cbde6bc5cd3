using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Values;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// The checks every online write and read passes before a store touches storage; each failure names the view, the row
/// or key, and the column. Backends share them so that they accept and reject exactly the same input.
/// </summary>
internal static class OnlineInputRules
{
    public static void CheckRows(RegisteredFeatureView view, IReadOnlyList<OnlineFeatureRow> rows)
    {
        for (int r = 0; r < rows.Count; r++)
        {
            OnlineFeatureRow row = rows[r] ?? throw new ArgumentException($"Row {r} of the write to {Describe(view)} is null.", nameof(rows));
            string where = $"Row {r} of the write to {Describe(view)}";
            RowRules.CheckJoinKeys(view, row.JoinKeys, where, nameof(rows));
            RowRules.CheckFeatureValues(view, row.Values, where, nameof(rows));
        }
    }

    public static void CheckKeys(RegisteredFeatureView view, IReadOnlyList<EntityKey> keys)
    {
        for (int k = 0; k < keys.Count; k++)
        {
            EntityKey key = keys[k] ?? throw new ArgumentException($"Key {k} of the read from {Describe(view)} is null.", nameof(keys));
            RowRules.CheckJoinKeys(view, key.Values, $"Key {k} of the read from {Describe(view)}", nameof(keys));
        }
    }

    private static string Describe(RegisteredFeatureView view) => $"feature view '{view.Name}' (v{view.Version})";
}
