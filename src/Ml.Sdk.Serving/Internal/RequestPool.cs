using System.Collections.Concurrent;

namespace Ml.Sdk.Serving.Internal;

/// <summary>A bounded pool of request objects, so that the hot path allocates none per call.</summary>
internal static class RequestPool<T>
    where T : class, new()
{
    private const int Capacity = 4096;
    private static readonly ConcurrentQueue<T> s_items = new();
    private static int s_count;

    public static T Rent()
    {
        if (s_items.TryDequeue(out T? item))
        {
            Interlocked.Decrement(ref s_count);
            return item;
        }

        return new T();
    }

    public static void Return(T item)
    {
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
