using System.Data.Common;
using System.Runtime.CompilerServices;
using Ml.Sdk.Registry.Artifacts.Internal;
using Ml.Sdk.Registry.Naming;

using Ml.Sdk.Registry.Tracking.Internal;

namespace Ml.Sdk.Registry.Tracking;

// Run artifacts: content in the same content-addressed store as model versions, one row per (run, file name).
public abstract partial class RelationalExperimentTracker
{
    /// <inheritdoc />
    public async Task<RunArtifact> LogArtifactAsync(string runId, ArtifactSource source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(source);
        NameRules.Validate(source.FileName, "artifact file name", nameof(source));

        // Refuse early, before any byte is written, when the run is unknown or has ended.
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        using (DbTransaction check = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            await RequireRunningAsync(connection, check, runId, cancellationToken).ConfigureAwait(false);
        }

        StoredBlob blob = await _store.StoreAsync(source, _maxArtifactBytes, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        await RequireRunningAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        if (!_store.Exists(blob.Sha256))
        {
            // A purge in another process removed the blob between the write and this lock: nothing was recorded.
            throw new IOException($"The content of '{source.FileName}' was removed by a concurrent purge before it was recorded; log it again.");
        }

        RunArtifact? existing = await FindArtifactAsync(connection, transaction, runId, source.FileName, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return string.Equals(existing.Sha256, blob.Sha256, StringComparison.Ordinal)
                ? existing
                : throw new InvalidOperationException(
                    $"Run {runId} already has an artifact '{source.FileName}' with other content (SHA-256 {existing.Sha256}); run artifacts are immutable.");
        }

        await ExecuteAsync(connection, transaction,
            "INSERT INTO run_artifacts (run_id, file_name, sha256, length, logged_at) VALUES (@run, @file, @sha, @length, @at)",
            cancellationToken, ("@run", runId), ("@file", source.FileName), ("@sha", blob.Sha256), ("@length", blob.Length), ("@at", StoredTime.Format(now)))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RunArtifact(source.FileName, blob.Sha256, blob.Length, now);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunArtifact>> ListArtifactsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        _ = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        using DbCommand command = Command(connection, transaction,
            "SELECT file_name, sha256, length, logged_at FROM run_artifacts WHERE run_id = @run ORDER BY file_name", ("@run", runId));
        var artifacts = new List<RunArtifact>();
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                artifacts.Add(ReadArtifact(reader));
            }
        }

        return artifacts;
    }

    /// <inheritdoc />
    public async Task<Stream> OpenArtifactAsync(string runId, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        NameRules.Validate(fileName, "artifact file name");
        RunArtifact artifact;
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
            _ = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            artifact = await FindArtifactAsync(connection, transaction, runId, fileName, cancellationToken).ConfigureAwait(false)
                ?? throw new RunNotFoundException($"Run {runId} has no artifact '{fileName}'.");
        }

        (FileStream? stream, StoredBlob actual) = await _store.OpenAndHashAsync(artifact.Sha256, cancellationToken).ConfigureAwait(false);
        if (stream is not null && actual.Length == artifact.Length && string.Equals(actual.Sha256, artifact.Sha256, StringComparison.Ordinal))
        {
            return stream;
        }

        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        throw new ArtifactIntegrityException(runId, fileName, artifact.Sha256, actual.Sha256, artifact.Length, actual.Length);
    }

    private static async Task<RunArtifact?> FindArtifactAsync(
        DbConnection connection, DbTransaction transaction, string runId, string fileName, CancellationToken cancellationToken)
    {
        using DbCommand command = Command(connection, transaction,
            "SELECT file_name, sha256, length, logged_at FROM run_artifacts WHERE run_id = @run AND file_name = @file",
            ("@run", runId), ("@file", fileName));
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadArtifact(reader) : null;
        }
    }

    private static RunArtifact ReadArtifact(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), StoredTime.Parse(reader.GetString(3)));
}
