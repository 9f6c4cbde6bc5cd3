using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Materialization.Internal;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Online;

namespace Ml.Sdk.FeatureStore.Materialization;

/// <summary>
/// Copies the latest offline value of every entity key to the online store, in bounded chunks: Feast's
/// <c>materialize</c> and <c>materialize-incremental</c>, resumable after a crash.
/// </summary>
/// <remarks>
/// <para>
/// An interval [start, end] (both inclusive, as in Feast) writes, per entity key, the row Feast's rule picks among the
/// rows with event timestamps in it: the latest event time, then the latest created time, then the row written last.
/// Keys go in ascending order, <see cref="MaterializationOptions.ChunkSize"/> per online write, so memory stays bounded
/// whatever the view's size.
/// </para>
/// <para>
/// After each chunk the last key written is saved in the offline store's database. If a run stops (a crash, a
/// cancellation), running the same interval again resumes after that key. Nothing is written twice in a way that
/// matters and nothing regresses: the online store's rule keeps a newer stored value against an older write, and a
/// rewrite of the same row changes nothing. A completed interval moves the view's watermark to its end, where
/// <see cref="MaterializeIncrementalAsync"/> starts next time. As in Feast, rows that arrive later with event times
/// before the watermark are not picked up by incremental runs; materialize their interval again.
/// </para>
/// </remarks>
public sealed partial class FeatureMaterializer
{
    private readonly DuckDbOfflineStore _offline;
    private readonly IOnlineStore _online;
    private readonly MaterializationOptions _options;
    private readonly ILogger _logger;
    private readonly MaterializationLog _log;

    /// <summary>Creates a materializer.</summary>
    /// <param name="offline">The offline store to read.</param>
    /// <param name="online">The online store to write.</param>
    /// <param name="options">The chunk size; the defaults if null.</param>
    /// <param name="logger">Where progress is logged.</param>
    public FeatureMaterializer(DuckDbOfflineStore offline, IOnlineStore online, MaterializationOptions? options = null, ILogger<FeatureMaterializer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(offline);
        ArgumentNullException.ThrowIfNull(online);
        _options = options ?? new MaterializationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ChunkSize, 1, nameof(options));
        _offline = offline;
        _online = online;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _log = new MaterializationLog(offline);
    }

    /// <summary>Materializes the interval [start, end] of a view (resuming an unfinished run of the same interval).</summary>
    /// <param name="view">The view version.</param>
    /// <param name="start">The interval's start, inclusive.</param>
    /// <param name="end">The interval's end, inclusive.</param>
    /// <param name="progress">Receives the position after every chunk, and once at the end.</param>
    /// <param name="cancellationToken">Stops between chunks; the position saved so far is kept for the rerun.</param>
    /// <returns>The final position.</returns>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public async Task<MaterializationProgress> MaterializeAsync(
        RegisteredFeatureView view,
        DateTimeOffset start,
        DateTimeOffset end,
        IProgress<MaterializationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (end < start)
        {
            throw new ArgumentException($"The interval ends ({end:O}) before it starts ({start:O}).", nameof(end));
        }

        IReadOnlyList<object>? after = _log.PendingAfter(view, start, end);
        if (after is not null)
        {
            LogResuming(_logger, view.Name, view.Version, start, end);
        }

        var chunk = new List<OnlineFeatureRow>(_options.ChunkSize);
        int chunks = 0;
        long written = 0;
        long stale = 0;
        await foreach (OnlineFeatureRow row in _offline.ReadLatestAsync(view, start, end, after, cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(row);
            if (chunk.Count == _options.ChunkSize)
            {
                (written, stale) = await WriteChunkAsync(view, start, end, chunk, written, stale, cancellationToken).ConfigureAwait(false);
                chunks++;
                progress?.Report(new MaterializationProgress(view.Name, view.Version, start, end, chunks, written, stale, Completed: false));
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            (written, stale) = await WriteChunkAsync(view, start, end, chunk, written, stale, cancellationToken).ConfigureAwait(false);
            chunks++;
        }

        _log.Complete(view, end);
        var done = new MaterializationProgress(view.Name, view.Version, start, end, chunks, written, stale, Completed: true);
        progress?.Report(done);
        LogCompleted(_logger, view.Name, view.Version, start, end, written, stale);
        return done;
    }

    /// <summary>
    /// Materializes a view from where its last completed interval ended (the first time: from <paramref name="end"/>
    /// minus the view's TTL, or from the beginning of its history without one) to <paramref name="end"/>.
    /// </summary>
    /// <param name="view">The view version.</param>
    /// <param name="end">The interval's end, inclusive.</param>
    /// <param name="progress">Receives the position after every chunk, and once at the end.</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    /// <returns>The final position.</returns>
    public Task<MaterializationProgress> MaterializeIncrementalAsync(
        RegisteredFeatureView view,
        DateTimeOffset end,
        IProgress<MaterializationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        DateTimeOffset start = _log.CompletedUntil(view)
            ?? (view.View.HasTtl ? end - view.View.Ttl!.Value : DateTimeOffset.UnixEpoch);
        return MaterializeAsync(view, start > end ? end : start, end, progress, cancellationToken);
    }

    private async Task<(long Written, long Stale)> WriteChunkAsync(
        RegisteredFeatureView view, DateTimeOffset start, DateTimeOffset end, List<OnlineFeatureRow> chunk, long written, long stale, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OnlineWriteResult result = await _online.WriteAsync(view, chunk, cancellationToken).ConfigureAwait(false);
        _log.SavePending(view, start, end, [.. chunk[^1].JoinKeys.Select(k => k!)]);
        return (written + result.Written, stale + result.SkippedAsStale);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the materialization of {View} v{Version} from {Start:O} to {End:O} after its last saved key")]
    private static partial void LogResuming(ILogger logger, string view, int version, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(Level = LogLevel.Information, Message = "Materialized {View} v{Version} from {Start:O} to {End:O}: {Written} rows written, {Stale} kept newer online values")]
    private static partial void LogCompleted(ILogger logger, string view, int version, DateTimeOffset start, DateTimeOffset end, long written, long stale);
}
