using Ml.Sdk.FeatureStore.Catalog;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// A low-latency store of the latest feature values per entity, for serving. Rows are keyed by view name (not version)
/// and entity key; every backend applies the same rules, which the shared contract tests pin down.
/// </summary>
/// <remarks>
/// <para>
/// Conflict rule: for one view name and entity key, a write whose event timestamp is older than the stored one never
/// overwrites it; an equal or newer one replaces it (on equal timestamps the later write wins, as in Feast). Rows of one
/// batch for the same key apply in order under the same rule.
/// </para>
/// <para>
/// Stores do not read a clock for time-to-live: callers pass the read time, normally from a <see cref="TimeProvider"/>.
/// </para>
/// </remarks>
public interface IOnlineStore : IAsyncDisposable
{
    /// <summary>
    /// Writes rows of a view in one transaction, after validating the whole batch: a bad row rejects the batch and
    /// nothing is written.
    /// </summary>
    /// <param name="view">The view version whose schema the rows follow.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write stores nothing.</param>
    /// <returns>How many rows were stored and how many were skipped as older than the stored ones.</returns>
    /// <exception cref="ArgumentException">
    /// A row has the wrong number of join keys or values, a null join key, or a value of another type than its column;
    /// the message names the view, the row and the column.
    /// </exception>
    /// <exception cref="OperationCanceledException">The write was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    ValueTask<OnlineWriteResult> WriteAsync(
        RegisteredFeatureView view,
        IReadOnlyList<OnlineFeatureRow> rows,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a view's features for entity keys, as of <paramref name="now"/>: a row whose event timestamp is at least
    /// <paramref name="now"/> minus the view's time-to-live is present, an older one is expired, and a view without a
    /// time-to-live (null or zero) never expires. A row stamped after <paramref name="now"/> is present: the store holds
    /// the latest values and does not travel back in time.
    /// </summary>
    /// <param name="view">The view version to decode the stored rows with.</param>
    /// <param name="keys">The keys, each with the view's join keys in order; a key may repeat.</param>
    /// <param name="now">The read time, for the time-to-live.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Per key (in the order given) and feature, the value, its status and the row's event timestamp.</returns>
    /// <exception cref="ArgumentException">A key has the wrong number of values, or a value of another type than its join key.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    ValueTask<OnlineReadResult> ReadAsync(
        RegisteredFeatureView view,
        IReadOnlyList<EntityKey> keys,
        DateTimeOffset now,
        CancellationToken cancellationToken = default);
}
