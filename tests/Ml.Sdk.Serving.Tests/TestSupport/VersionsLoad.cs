using System.Collections.Concurrent;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// Callers that send one row after another to a model until stopped, recording for every answer which version
/// answered, whether its output's factor matched that version, and in which phase the request started. A test moves
/// the phase on once a swap has completed, so that it can require that every later request went to the new version.
/// </summary>
internal sealed class VersionsLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _callers;
    private readonly ConcurrentDictionary<(int Phase, int Version), int> _answers = new();
    private readonly Func<int, int, float, bool> _accepts;
    private int _phase;
    private long _completed;

    private VersionsLoad(IModelClient client, int callers, bool general, InferenceOptions? options, Func<int, int, float, bool>? accepts)
    {
        _accepts = accepts ?? (static (_, version, factor) => factor == version);
        _callers = [.. Enumerable.Range(0, callers).Select(i => Task.Run(() => CallAsync(client, general && i % 2 == 1, options)))];
    }

    public ConcurrentQueue<Exception> Failures { get; } = new();

    public ConcurrentQueue<string> Mismatches { get; } = new();

    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>
    /// Starts the callers; with <paramref name="general"/>, every other caller uses <see cref="InferenceRequest"/>.
    /// <paramref name="accepts"/> says whether an answer (phase, version, factor) is right; by default the factor must
    /// equal the version.
    /// </summary>
    public static VersionsLoad Start(
        IModelClient client, int callers = 16, bool general = true, InferenceOptions? options = null, Func<int, int, float, bool>? accepts = null) =>
        new(client, callers, general, options, accepts);

    /// <summary>Starts a new phase: requests that start from now on are counted under it.</summary>
    public int NextPhase() => Interlocked.Increment(ref _phase);

    /// <summary>The answers counted per version in a phase.</summary>
    public IReadOnlyDictionary<int, int> AnswersIn(int phase) =>
        _answers.Where(p => p.Key.Phase == phase).ToDictionary(static p => p.Key.Version, static p => p.Value);

    public int CountIn(int phase) => _answers.Where(p => p.Key.Phase == phase).Sum(static p => p.Value);

    /// <summary>Waits until at least <paramref name="count"/> requests of the current phase have been answered.</summary>
    public Task WaitForAnswersAsync(int phase, int count) =>
        VersionsPolling.UntilAsync(
            () => CountIn(phase) >= count || !Failures.IsEmpty,
            () => $"{count} answers in phase {phase}; got {CountIn(phase)}, failures: {string.Join(" | ", Failures.Select(static f => f.Message))}");

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
    }

    public string Describe() =>
        $"answers: {string.Join(", ", _answers.OrderBy(static p => p.Key).Select(static p => $"phase {p.Key.Phase} v{p.Key.Version}: {p.Value}"))}; " +
        $"failures ({Failures.Count}): {string.Join(" | ", Failures.Take(3).Select(static f => f.GetType().Name + ": " + f.Message))}; " +
        $"mismatches ({Mismatches.Count}): {string.Join(" | ", Mismatches.Take(3))}";

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private async Task CallAsync(IModelClient client, bool general, InferenceOptions? options)
    {
        while (!_stop.IsCancellationRequested)
        {
            int phase = Volatile.Read(ref _phase);
            try
            {
                (int version, float factor) = general
                    ? await VersionsModels.InferGeneralAsync(client, options)
                    : await VersionsModels.InferAsync(client, options);
                if (!_accepts(phase, version, factor))
                {
                    Mismatches.Enqueue($"version {version} answered with factor {factor} in phase {phase}");
                }

                _answers.AddOrUpdate((phase, version), 1, static (_, n) => n + 1);
                Interlocked.Increment(ref _completed);
            }
            catch (Exception ex)
            {
                Failures.Enqueue(ex);
            }
        }
    }
}
