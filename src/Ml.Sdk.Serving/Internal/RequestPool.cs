using System.Collections.Concurrent;

namespace Ml.Sdk.Serving.Internal;

/// <summary>A bounded pool of request objects, so that the hot path allocates none per call.</summary>
internal static class RequestPool<T>
    where T : class, new()
{
    private const int Capacity = 4096;
    private static readonly ConcurrentQueue<T> s_items = new();
    private static int s_count;

    // One object per thread first: the thread that wakes callers is the one whose callers rent and return most.
    [ThreadStatic]
    private static T? t_cached;

    public static T Rent()
    {
        T? cached = t_cached;
        if (cached is not null)
        {
            t_cached = null;
            return cached;
        }

        if (s_items.TryDequeue(out T? item))
        {
            Interlocked.Decrement(ref s_count);
            return item;
        }

        return new T();
    }

    public static void Return(T item)
    {
        if (t_cached is null)
        {
            t_cached = item;
            return;
        }

        if (Interlocked.Increment(ref s_count) <= Capacity)
        {
            s_items.Enqueue(item);
        }
        else
        {
            Interlocked.Decrement(ref s_count);
        }
    }
}
