using System.Data.Common;
using System.Runtime.CompilerServices;

using Ml.Sdk.Registry.Models.Internal;

namespace Ml.Sdk.Registry;

// The change feed: polling and watching.
public abstract partial class RelationalModelRegistry
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<RegistryChange>> GetChangesAsync(long afterSequence = 0, int maxCount = ModelQuery.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, ModelQuery.MaxPageSize);
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        using DbCommand select = connection.Command(null,
            "SELECT sequence, kind, model_name, version, alias, occurred_at FROM changes WHERE sequence > @after AND kind IN " + ModelChangeKinds + " ORDER BY sequence LIMIT @max;")
            .With("@after", afterSequence).With("@max", maxCount);
        DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerScope = reader.ConfigureAwait(false);
        var changes = new List<RegistryChange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new RegistryChange(
                reader.GetInt64(0),
                Enum.Parse<RegistryChangeKind>(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                ModelRows.ParseTime(reader.GetString(5))));
        }

        return changes;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RegistryChange> WatchAsync(long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        long after = afterSequence;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Taken before reading: a commit between the read and the wait still wakes this watcher.
            Task signalled = _signal.NextAsync();
            IReadOnlyList<RegistryChange> changes = await GetChangesAsync(after, ModelQuery.MaxPageSize, cancellationToken).ConfigureAwait(false);
            foreach (RegistryChange change in changes)
            {
                after = change.Sequence;
                yield return change;
            }

            if (changes.Count == ModelQuery.MaxPageSize)
            {
                continue;
            }

            using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task poll = Task.Delay(_pollInterval, _timeProvider, waitCancellation.Token);
            await Task.WhenAny(signalled, poll).ConfigureAwait(false);
            await waitCancellation.CancelAsync().ConfigureAwait(false);
        }
    }
}
