using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>The compare-and-count passes of <see cref="CumulativeCompareCounter"/> on 256-bit vectors.</summary>
internal readonly struct ComparePasses256 : IComparePasses
{
    public static void Pass(
        ref float block, int length, float e0, float e1, float e2, float e3,
        out int c0, out int c1, out int c2, out int c3)
    {
        Vector256<float> t0 = Vector256.Create(e0);
        Vector256<float> t1 = Vector256.Create(e1);
        Vector256<float> t2 = Vector256.Create(e2);
        Vector256<float> t3 = Vector256.Create(e3);
        Vector256<int> a0 = Vector256<int>.Zero;
        Vector256<int> a1 = Vector256<int>.Zero;
        Vector256<int> a2 = Vector256<int>.Zero;
        Vector256<int> a3 = Vector256<int>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector256<float>.Count)
        {
            Vector256<float> v = Vector256.LoadUnsafe(ref block, i);

            // A true comparison is all ones, that is -1 as an integer, so subtracting the mask counts.
            a0 -= Vector256.LessThan(v, t0).AsInt32();
            a1 -= Vector256.LessThan(v, t1).AsInt32();
            a2 -= Vector256.LessThan(v, t2).AsInt32();
            a3 -= Vector256.LessThan(v, t3).AsInt32();
        }

        c0 = Vector256.Sum(a0);
        c1 = Vector256.Sum(a1);
        c2 = Vector256.Sum(a2);
        c3 = Vector256.Sum(a3);
    }

    public static void FinalPass(
        ref float block, int length, float e0, float e1, float last,
        out int c0, out int c1, out int aboveLast, out int notNaN)
    {
        Vector256<float> t0 = Vector256.Create(e0);
        Vector256<float> t1 = Vector256.Create(e1);
        Vector256<float> tLast = Vector256.Create(last);
        Vector256<int> a0 = Vector256<int>.Zero;
        Vector256<int> a1 = Vector256<int>.Zero;
        Vector256<int> a2 = Vector256<int>.Zero;
        Vector256<int> a3 = Vector256<int>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector256<float>.Count)
        {
            Vector256<float> v = Vector256.LoadUnsafe(ref block, i);
            a0 -= Vector256.LessThan(v, t0).AsInt32();
            a1 -= Vector256.LessThan(v, t1).AsInt32();
            a2 -= Vector256.GreaterThan(v, tLast).AsInt32();
            a3 -= Vector256.Equals(v, v).AsInt32();
        }

        c0 = Vector256.Sum(a0);
        c1 = Vector256.Sum(a1);
        aboveLast = Vector256.Sum(a2);
        notNaN = Vector256.Sum(a3);
    }
}
