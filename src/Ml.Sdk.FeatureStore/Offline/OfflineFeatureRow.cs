namespace Ml.Sdk.FeatureStore.Offline;

/// <summary>One row ingested into a feature view's offline history.</summary>
/// <param name="JoinKeys">The values of the view's join keys, in the order of <c>RegisteredFeatureView.JoinKeys</c>; none null.</param>
/// <param name="EventTimestamp">When the values became true; any offset, stored as UTC.</param>
/// <param name="Features">The values of the view's features in its order; null is a missing value.</param>
/// <param name="CreatedTimestamp">When the row was written, which breaks ties between rows with one event timestamp (the later wins); null stamps the ingestion time.</param>
public sealed record OfflineFeatureRow(
    IReadOnlyList<object?> JoinKeys,
    DateTimeOffset EventTimestamp,
    IReadOnlyList<object?> Features,
    DateTimeOffset? CreatedTimestamp = null);
