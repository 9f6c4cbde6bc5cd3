using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>The compare-and-count passes of <see cref="CumulativeCompareCounter"/> on 512-bit vectors.</summary>
internal readonly struct ComparePasses512 : IComparePasses
{
    public static void Pass(
        ref float block, int length, float e0, float e1, float e2, float e3,
        out int c0, out int c1, out int c2, out int c3)
    {
        Vector512<float> t0 = Vector512.Create(e0);
        Vector512<float> t1 = Vector512.Create(e1);
        Vector512<float> t2 = Vector512.Create(e2);
        Vector512<float> t3 = Vector512.Create(e3);
        Vector512<int> a0 = Vector512<int>.Zero;
        Vector512<int> a1 = Vector512<int>.Zero;
        Vector512<int> a2 = Vector512<int>.Zero;
        Vector512<int> a3 = Vector512<int>.Zero;
        Vector512<int> one = Vector512<int>.One;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector512<float>.Count)
        {
            Vector512<float> v = Vector512.LoadUnsafe(ref block, i);

            // Written as a select so that the JIT emits a masked add (compare into a mask register, add under it):
            // two instructions per edge where subtracting the expanded mask takes three, and this loop is
            // instruction bound.
            a0 = Vector512.ConditionalSelect(Vector512.LessThan(v, t0).AsInt32(), a0 + one, a0);
            a1 = Vector512.ConditionalSelect(Vector512.LessThan(v, t1).AsInt32(), a1 + one, a1);
            a2 = Vector512.ConditionalSelect(Vector512.LessThan(v, t2).AsInt32(), a2 + one, a2);
            a3 = Vector512.ConditionalSelect(Vector512.LessThan(v, t3).AsInt32(), a3 + one, a3);
        }

        c0 = Vector512.Sum(a0);
        c1 = Vector512.Sum(a1);
        c2 = Vector512.Sum(a2);
        c3 = Vector512.Sum(a3);
    }

    public static void FinalPass(
        ref float block, int length, float e0, float e1, float last,
        out int c0, out int c1, out int aboveLast, out int notNaN)
    {
        Vector512<float> t0 = Vector512.Create(e0);
        Vector512<float> t1 = Vector512.Create(e1);
        Vector512<float> tLast = Vector512.Create(last);
        Vector512<int> a0 = Vector512<int>.Zero;
        Vector512<int> a1 = Vector512<int>.Zero;
        Vector512<int> a2 = Vector512<int>.Zero;
        Vector512<int> a3 = Vector512<int>.Zero;
        Vector512<int> one = Vector512<int>.One;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector512<float>.Count)
        {
            Vector512<float> v = Vector512.LoadUnsafe(ref block, i);
            a0 = Vector512.ConditionalSelect(Vector512.LessThan(v, t0).AsInt32(), a0 + one, a0);
            a1 = Vector512.ConditionalSelect(Vector512.LessThan(v, t1).AsInt32(), a1 + one, a1);
            a2 = Vector512.ConditionalSelect(Vector512.GreaterThan(v, tLast).AsInt32(), a2 + one, a2);

            // Only NaN differs from itself.
            a3 = Vector512.ConditionalSelect(Vector512.Equals(v, v).AsInt32(), a3 + one, a3);
        }

        c0 = Vector512.Sum(a0);
        c1 = Vector512.Sum(a1);
        aboveLast = Vector512.Sum(a2);
        notNaN = Vector512.Sum(a3);
    }
}
