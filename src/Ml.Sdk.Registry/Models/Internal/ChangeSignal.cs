using System.Collections.Concurrent;

namespace Ml.Sdk.Registry.Models.Internal;

/// <summary>
/// Wakes this process's watchers of one database file when any registry instance in the process commits a change,
/// so that in-process changes need not wait for a poll. Shared per database path because several registry instances
/// (or a registry and a tracking store) may use the same root.
/// </summary>
internal sealed class ChangeSignal
{
    private static readonly ConcurrentDictionary<string, ChangeSignal> s_byDatabase = new(StringComparer.Ordinal);

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static ChangeSignal For(string databasePath) => s_byDatabase.GetOrAdd(databasePath, static _ => new ChangeSignal());

    /// <summary>Gets a task that completes at the next <see cref="Notify"/>; take it before reading, so no change is missed.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Notify()
    {
        TaskCompletionSource fired = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        fired.TrySetResult();
    }
}
