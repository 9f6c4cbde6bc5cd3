using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// numpy.argmax over one span in two vector passes: the maximum (with NaN detected on the side, so the plain
/// hardware max can be used), then the first element equal to it. IEEE equality makes -0 and +0 equal, so the first
/// zero of either sign wins, as in numpy; a span with NaN gives the first NaN.
/// </summary>
/// <remarks>
/// Tracking indices lane by lane, as <c>TensorPrimitives.IndexOfMax</c> does, costs more per element than reading a
/// row twice: after the first pass the row is in L1.
/// </remarks>
internal static class ArgMaxKernel
{
    public static int IndexOfFirstMax(ReadOnlySpan<float> values)
    {
        float max = MaxOrNaN(values);
        return float.IsNaN(max) ? IndexOfFirstNaN(values) : IndexOfFirstEqual(values, max);
    }

    // Returns the maximum, or NaN when any element is NaN.
    private static float MaxOrNaN(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int length = values.Length;
        int i = 0;
        float max = float.NegativeInfinity;
        bool ordered = true;

        if (Vector512.IsHardwareAccelerated && length >= 2 * Vector512<float>.Count)
        {
            Vector512<float> m0 = Vector512.Create(float.NegativeInfinity);
            Vector512<float> m1 = m0;
            Vector512<float> allOrdered = Vector512<float>.AllBitsSet;
            for (; i <= length - (2 * Vector512<float>.Count); i += 2 * Vector512<float>.Count)
            {
                Vector512<float> a = Vector512.LoadUnsafe(ref start, (nuint)i);
                Vector512<float> b = Vector512.LoadUnsafe(ref start, (nuint)(i + Vector512<float>.Count));
                m0 = Vector512.MaxNative(m0, a);
                m1 = Vector512.MaxNative(m1, b);
                allOrdered &= Vector512.Equals(a, a) & Vector512.Equals(b, b);
            }

            ordered = allOrdered.AsUInt32() == Vector512<uint>.AllBitsSet; // as integers: all-ones is a NaN pattern as floats
            max = MaxOfLanes(Vector512.MaxNative(m0, m1));
        }
        else if (Vector256.IsHardwareAccelerated && length >= 2 * Vector256<float>.Count)
        {
            Vector256<float> m0 = Vector256.Create(float.NegativeInfinity);
            Vector256<float> m1 = m0;
            Vector256<float> allOrdered = Vector256<float>.AllBitsSet;
            for (; i <= length - (2 * Vector256<float>.Count); i += 2 * Vector256<float>.Count)
            {
                Vector256<float> a = Vector256.LoadUnsafe(ref start, (nuint)i);
                Vector256<float> b = Vector256.LoadUnsafe(ref start, (nuint)(i + Vector256<float>.Count));
                m0 = Vector256.MaxNative(m0, a);
                m1 = Vector256.MaxNative(m1, b);
                allOrdered &= Vector256.Equals(a, a) & Vector256.Equals(b, b);
            }

            ordered = allOrdered.AsUInt32() == Vector256<uint>.AllBitsSet;
            Vector256<float> m = Vector256.MaxNative(m0, m1);
            max = MaxOfLanes(Vector512.Create(m, m)); // both halves alike: the lanes of m, read once more
        }

        for (; i < length; i++)
        {
            float value = Unsafe.Add(ref start, i);
            ordered &= !float.IsNaN(value);
            max = value > max ? value : max;
        }

        return ordered ? max : float.NaN;
    }

    private static float MaxOfLanes(Vector512<float> lanes)
    {
        float max = float.NegativeInfinity;
        for (int lane = 0; lane < Vector512<float>.Count; lane++)
        {
            max = lanes[lane] > max ? lanes[lane] : max;
        }

        return max;
    }

    private static int IndexOfFirstEqual(ReadOnlySpan<float> values, float target)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int length = values.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> t = Vector512.Create(target);
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                ulong hits = Vector512.Equals(Vector512.LoadUnsafe(ref start, (nuint)i), t).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(hits);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> t = Vector256.Create(target);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                uint hits = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)i), t).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(hits);
                }
            }
        }

        for (; i < length; i++)
        {
            if (Unsafe.Add(ref start, i) == target)
            {
                return i;
            }
        }

        throw new UnreachableException("The maximum of a span is an element of it.");
    }

    private static int IndexOfFirstNaN(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                return i;
            }
        }

        throw new UnreachableException("A NaN was seen in the span.");
    }
}
