using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// Per-block statistics for <see cref="Moments"/>. A block is small enough to stay in L1, so its second pass
/// costs no memory bandwidth.
/// </summary>
internal static class MomentsBlock
{
    /// <summary>Elements per block: 16 KiB, half of a typical L1 data cache.</summary>
    public const int Size = 4096;

    /// <summary>
    /// For a block known to hold only finite values: the sums of <c>x - shift</c> and of its square, in double,
    /// and the block's min and max folded into <paramref name="min"/> and <paramref name="max"/>.
    /// </summary>
    /// <remarks>
    /// Deviations are taken in double from a shift near the block mean, so no precision is lost to cancellation
    /// even when the values sit far from zero (1e6 plus small noise).
    /// </remarks>
    public static void ShiftedSums(
        ReadOnlySpan<float> block, double shift, out double sum, out double sumOfSquares, ref float min, ref float max)
    {
        ref float src = ref MemoryMarshal.GetReference(block);
        nuint length = (nuint)block.Length;
        nuint i = 0;
        double s = 0;
        double q = 0;
        float lo = min;
        float hi = max;

        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<float>.Count)
        {
            Vector512<double> shiftVector = Vector512.Create(shift);
            Vector512<double> s0 = Vector512<double>.Zero;
            Vector512<double> s1 = Vector512<double>.Zero;
            Vector512<double> q0 = Vector512<double>.Zero;
            Vector512<double> q1 = Vector512<double>.Zero;
            Vector512<float> vlo = Vector512.Create(lo);
            Vector512<float> vhi = Vector512.Create(hi);
            nuint last = length - (nuint)Vector512<float>.Count;
            for (; i <= last; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> x = Vector512.LoadUnsafe(ref src, i);
                vlo = Vector512.MinNative(vlo, x);
                vhi = Vector512.MaxNative(vhi, x);
                Vector512<double> d0 = Vector512.WidenLower(x) - shiftVector;
                Vector512<double> d1 = Vector512.WidenUpper(x) - shiftVector;
                s0 += d0;
                s1 += d1;
                q0 = Vector512.FusedMultiplyAdd(d0, d0, q0);
                q1 = Vector512.FusedMultiplyAdd(d1, d1, q1);
            }

            s = Vector512.Sum(s0 + s1);
            q = Vector512.Sum(q0 + q1);
            Fold(Vector256.MinNative(vlo.GetLower(), vlo.GetUpper()), Vector256.MaxNative(vhi.GetLower(), vhi.GetUpper()), ref lo, ref hi);
        }
        else if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<float>.Count)
        {
            Vector256<double> shiftVector = Vector256.Create(shift);
            Vector256<double> s0 = Vector256<double>.Zero;
            Vector256<double> s1 = Vector256<double>.Zero;
            Vector256<double> q0 = Vector256<double>.Zero;
            Vector256<double> q1 = Vector256<double>.Zero;
            Vector256<float> vlo = Vector256.Create(lo);
            Vector256<float> vhi = Vector256.Create(hi);
            nuint last = length - (nuint)Vector256<float>.Count;
            for (; i <= last; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref src, i);
                vlo = Vector256.MinNative(vlo, x);
                vhi = Vector256.MaxNative(vhi, x);
                Vector256<double> d0 = Vector256.WidenLower(x) - shiftVector;
                Vector256<double> d1 = Vector256.WidenUpper(x) - shiftVector;
                s0 += d0;
                s1 += d1;
                q0 = Vector256.FusedMultiplyAdd(d0, d0, q0);
                q1 = Vector256.FusedMultiplyAdd(d1, d1, q1);
            }

            s = Vector256.Sum(s0 + s1);
            q = Vector256.Sum(q0 + q1);
            Fold(vlo, vhi, ref lo, ref hi);
        }
        else if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<float>.Count)
        {
            Vector128<double> shiftVector = Vector128.Create(shift);
            Vector128<double> s0 = Vector128<double>.Zero;
            Vector128<double> s1 = Vector128<double>.Zero;
            Vector128<double> q0 = Vector128<double>.Zero;
            Vector128<double> q1 = Vector128<double>.Zero;
            Vector128<float> vlo = Vector128.Create(lo);
            Vector128<float> vhi = Vector128.Create(hi);
            nuint last = length - (nuint)Vector128<float>.Count;
            for (; i <= last; i += (nuint)Vector128<float>.Count)
            {
                Vector128<float> x = Vector128.LoadUnsafe(ref src, i);
                vlo = Vector128.MinNative(vlo, x);
                vhi = Vector128.MaxNative(vhi, x);
                Vector128<double> d0 = Vector128.WidenLower(x) - shiftVector;
                Vector128<double> d1 = Vector128.WidenUpper(x) - shiftVector;
                s0 += d0;
                s1 += d1;
                q0 = Vector128.FusedMultiplyAdd(d0, d0, q0);
                q1 = Vector128.FusedMultiplyAdd(d1, d1, q1);
            }

            s = Vector128.Sum(s0 + s1);
            q = Vector128.Sum(q0 + q1);
            for (int lane = 0; lane < Vector128<float>.Count; lane++)
            {
                lo = Math.Min(lo, vlo[lane]);
                hi = Math.Max(hi, vhi[lane]);
            }
        }

        for (; i < length; i++)
        {
            float x = Unsafe.Add(ref src, i);
            lo = Math.Min(lo, x);
            hi = Math.Max(hi, x);
            double d = x - shift;
            s += d;
            q = Math.FusedMultiplyAdd(d, d, q);
        }

        sum = s;
        sumOfSquares = q;
        min = lo;
        max = hi;
    }

    /// <summary>
    /// For a block that may hold NaN, infinities or values whose float sum overflows: count, NaN count, mean and
    /// sum of squared deviations of the non-NaN values, all in double; min and max folded in.
    /// </summary>
    public static void General(
        ReadOnlySpan<float> block, out long count, out long nanCount, out double mean, out double m2,
        ref float min, ref float max)
    {
        long n = 0;
        double sum = 0;
        float lo = min;
        float hi = max;
        foreach (float x in block)
        {
            if (!float.IsNaN(x))
            {
                n++;
                sum += x;
                lo = Math.Min(lo, x);
                hi = Math.Max(hi, x);
            }
        }

        double blockMean = n == 0 ? 0 : sum / n;
        double s = 0;
        double q = 0;
        foreach (float x in block)
        {
            if (!float.IsNaN(x))
            {
                double d = x - blockMean;
                s += d;
                q = Math.FusedMultiplyAdd(d, d, q);
            }
        }

        count = n;
        nanCount = block.Length - n;
        mean = n == 0 ? 0 : blockMean + (s / n);
        m2 = n == 0 ? 0 : Math.Max(0, q - (s * s / n));
        min = lo;
        max = hi;
    }

    private static void Fold(Vector256<float> vlo, Vector256<float> vhi, ref float lo, ref float hi)
    {
        Vector128<float> l = Vector128.MinNative(vlo.GetLower(), vlo.GetUpper());
        Vector128<float> h = Vector128.MaxNative(vhi.GetLower(), vhi.GetUpper());
        for (int lane = 0; lane < Vector128<float>.Count; lane++)
        {
            lo = Math.Min(lo, l[lane]);
            hi = Math.Max(hi, h[lane]);
        }
    }
}
