using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// What every backend does on either side of its storage: validate and encode a write batch, and turn stored rows into
/// a read result under the time-to-live rule. A backend only moves bytes.
/// </summary>
internal static class OnlineRowCodec
{
    /// <summary>Validates the whole batch, then encodes it; throws before anything is stored.</summary>
    public static EncodedOnlineRow[] EncodeBatch(RegisteredFeatureView view, IReadOnlyList<OnlineFeatureRow> rows)
    {
        OnlineInputRules.CheckRows(view, rows);
        byte[][] names = FeatureValueEncoding.NamesOf(view.View.Features);
        var encoded = new EncodedOnlineRow[rows.Count];
        for (int i = 0; i < encoded.Length; i++)
        {
            OnlineFeatureRow row = rows[i];
            encoded[i] = new EncodedOnlineRow(
                EntityKeyEncoding.Encode(row.JoinKeys),
                row.EventTimestamp.UtcTicks,
                FeatureValueEncoding.Encode(names, row.Values));
        }

        return encoded;
    }

    /// <summary>Validates and encodes the keys of a read, one per key given (repeats included).</summary>
    public static byte[][] EncodeKeys(RegisteredFeatureView view, IReadOnlyList<EntityKey> keys)
    {
        OnlineInputRules.CheckKeys(view, keys);
        byte[][] encoded = new byte[keys.Count][];
        for (int i = 0; i < encoded.Length; i++)
        {
            encoded[i] = EntityKeyEncoding.Encode(keys[i].Values);
        }

        return encoded;
    }

    /// <summary>
    /// Builds a read result from the rows found per key (null where none is stored): a row whose event timestamp is at
    /// least <paramref name="now"/> minus the view's TTL is present, an older one expired (its values withheld), and a
    /// null value missing.
    /// </summary>
    public static OnlineReadResult Decode(
        RegisteredFeatureView view,
        IReadOnlyList<EntityKey> keys,
        IReadOnlyList<StoredOnlineRow?> rows,
        DateTimeOffset now)
    {
        IReadOnlyList<Field> features = view.View.Features;
        byte[][] names = FeatureValueEncoding.NamesOf(features);
        int width = features.Count;
        object?[] values = new object?[keys.Count * width];
        var statuses = new FeatureValueStatus[values.Length];
        var timestamps = new DateTimeOffset?[keys.Count];

        // Both ticks lie in [0, DateTime.MaxValue.Ticks], so the difference cannot overflow; below zero nothing expires.
        long oldestPresent = view.View.HasTtl ? now.UtcTicks - view.View.Ttl!.Value.Ticks : long.MinValue;
        for (int k = 0; k < keys.Count; k++)
        {
            Span<object?> rowValues = values.AsSpan(k * width, width);
            Span<FeatureValueStatus> rowStatuses = statuses.AsSpan(k * width, width);
            if (rows[k] is not { } stored)
            {
                rowStatuses.Fill(FeatureValueStatus.Missing);
                continue;
            }

            timestamps[k] = new DateTimeOffset(stored.EventTicks, TimeSpan.Zero);
            FeatureValueEncoding.Decode(stored.Values, features, names, rowValues);
            bool expired = stored.EventTicks < oldestPresent;
            for (int f = 0; f < width; f++)
            {
                if (rowValues[f] is null)
                {
                    rowStatuses[f] = FeatureValueStatus.Missing;
                }
                else if (expired)
                {
                    rowStatuses[f] = FeatureValueStatus.Expired;
                    rowValues[f] = null;
                }
                else
                {
                    rowStatuses[f] = FeatureValueStatus.Present;
                }
            }
        }

        return new OnlineReadResult(view, [.. keys], values, statuses, timestamps);
    }
}
