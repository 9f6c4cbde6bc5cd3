namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>Bounded waits for things that happen in the background (a watcher's swap, an observer's events).</summary>
internal static class VersionsPolling
{
    /// <summary>A bound generous enough for a loaded 2-core machine; reaching it means the thing never happened.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(Func<bool> condition, Func<string> describe, TimeSpan? bound = null)
    {
        DateTime deadline = DateTime.UtcNow + (bound ?? Bound);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Gave up waiting after {(bound ?? Bound).TotalSeconds} s: {describe()}");
            }

            await Task.Delay(10);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string description, TimeSpan? bound = null) =>
        UntilAsync(condition, () => description, bound);
}
