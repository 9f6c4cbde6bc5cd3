using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>The compare-and-count passes of <see cref="CumulativeCompareCounter"/> on 128-bit vectors.</summary>
internal readonly struct ComparePasses128 : IComparePasses
{
    public static void Pass(
        ref float block, int length, float e0, float e1, float e2, float e3,
        out int c0, out int c1, out int c2, out int c3)
    {
        Vector128<float> t0 = Vector128.Create(e0);
        Vector128<float> t1 = Vector128.Create(e1);
        Vector128<float> t2 = Vector128.Create(e2);
        Vector128<float> t3 = Vector128.Create(e3);
        Vector128<int> a0 = Vector128<int>.Zero;
        Vector128<int> a1 = Vector128<int>.Zero;
        Vector128<int> a2 = Vector128<int>.Zero;
        Vector128<int> a3 = Vector128<int>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector128<float>.Count)
        {
            Vector128<float> v = Vector128.LoadUnsafe(ref block, i);
            a0 -= Vector128.LessThan(v, t0).AsInt32();
            a1 -= Vector128.LessThan(v, t1).AsInt32();
            a2 -= Vector128.LessThan(v, t2).AsInt32();
            a3 -= Vector128.LessThan(v, t3).AsInt32();
        }

        c0 = Vector128.Sum(a0);
        c1 = Vector128.Sum(a1);
        c2 = Vector128.Sum(a2);
        c3 = Vector128.Sum(a3);
    }

    public static void FinalPass(
        ref float block, int length, float e0, float e1, float last,
        out int c0, out int c1, out int aboveLast, out int notNaN)
    {
        Vector128<float> t0 = Vector128.Create(e0);
        Vector128<float> t1 = Vector128.Create(e1);
        Vector128<float> tLast = Vector128.Create(last);
        Vector128<int> a0 = Vector128<int>.Zero;
        Vector128<int> a1 = Vector128<int>.Zero;
        Vector128<int> a2 = Vector128<int>.Zero;
        Vector128<int> a3 = Vector128<int>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector128<float>.Count)
        {
            Vector128<float> v = Vector128.LoadUnsafe(ref block, i);
            a0 -= Vector128.LessThan(v, t0).AsInt32();
            a1 -= Vector128.LessThan(v, t1).AsInt32();
            a2 -= Vector128.GreaterThan(v, tLast).AsInt32();
            a3 -= Vector128.Equals(v, v).AsInt32();
        }

        c0 = Vector128.Sum(a0);
        c1 = Vector128.Sum(a1);
        aboveLast = Vector128.Sum(a2);
        notNaN = Vector128.Sum(a3);
    }
}
