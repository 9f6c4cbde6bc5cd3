namespace Ml.Sdk.FeatureStore.Materialization;

/// <summary>Where a materialization of one view stands, reported after every chunk.</summary>
/// <param name="View">The view's name.</param>
/// <param name="Version">The view's version.</param>
/// <param name="Start">The start of the interval (inclusive).</param>
/// <param name="End">The end of the interval (inclusive).</param>
/// <param name="Chunks">How many chunks this call has written.</param>
/// <param name="RowsWritten">How many rows this call has stored online.</param>
/// <param name="RowsSkippedAsStale">How many rows the online store kept its newer value for.</param>
/// <param name="Completed">Whether the interval is done.</param>
public sealed record MaterializationProgress(
    string View,
    int Version,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Chunks,
    long RowsWritten,
    long RowsSkippedAsStale,
    bool Completed);
