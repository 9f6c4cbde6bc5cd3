using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// Element-wise affine maps for the scalers, evaluated in double: fitted offsets such as a mean near 1e6 would
/// lose the signal to cancellation if rounded to float first.
/// </summary>
internal static class AffineKernel
{
    /// <summary>Writes <c>(x - offset) * factor</c>; the spans may be the same memory.</summary>
    public static void SubtractMultiply(ReadOnlySpan<float> source, Span<float> destination, double offset, double factor)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)source.Length;
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<float>.Count)
        {
            Vector512<double> o = Vector512.Create(offset);
            Vector512<double> f = Vector512.Create(factor);
            nuint last = length - (nuint)Vector512<float>.Count;
            for (; i <= last; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> x = Vector512.LoadUnsafe(ref src, i);
                Vector512.Narrow((Vector512.WidenLower(x) - o) * f, (Vector512.WidenUpper(x) - o) * f).StoreUnsafe(ref dst, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<float>.Count)
        {
            Vector256<double> o = Vector256.Create(offset);
            Vector256<double> f = Vector256.Create(factor);
            nuint last = length - (nuint)Vector256<float>.Count;
            for (; i <= last; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref src, i);
                Vector256.Narrow((Vector256.WidenLower(x) - o) * f, (Vector256.WidenUpper(x) - o) * f).StoreUnsafe(ref dst, i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<float>.Count)
        {
            Vector128<double> o = Vector128.Create(offset);
            Vector128<double> f = Vector128.Create(factor);
            nuint last = length - (nuint)Vector128<float>.Count;
            for (; i <= last; i += (nuint)Vector128<float>.Count)
            {
                Vector128<float> x = Vector128.LoadUnsafe(ref src, i);
                Vector128.Narrow((Vector128.WidenLower(x) - o) * f, (Vector128.WidenUpper(x) - o) * f).StoreUnsafe(ref dst, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dst, i) = (float)((Unsafe.Add(ref src, i) - offset) * factor);
        }
    }

    /// <summary>Writes <c>x * factor + offset</c>; the spans may be the same memory.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> source, Span<float> destination, double factor, double offset)
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)source.Length;
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<float>.Count)
        {
            Vector512<double> o = Vector512.Create(offset);
            Vector512<double> f = Vector512.Create(factor);
            nuint last = length - (nuint)Vector512<float>.Count;
            for (; i <= last; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> x = Vector512.LoadUnsafe(ref src, i);
                Vector512.Narrow((Vector512.WidenLower(x) * f) + o, (Vector512.WidenUpper(x) * f) + o).StoreUnsafe(ref dst, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<float>.Count)
        {
            Vector256<double> o = Vector256.Create(offset);
            Vector256<double> f = Vector256.Create(factor);
            nuint last = length - (nuint)Vector256<float>.Count;
            for (; i <= last; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref src, i);
                Vector256.Narrow((Vector256.WidenLower(x) * f) + o, (Vector256.WidenUpper(x) * f) + o).StoreUnsafe(ref dst, i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<float>.Count)
        {
            Vector128<double> o = Vector128.Create(offset);
            Vector128<double> f = Vector128.Create(factor);
            nuint last = length - (nuint)Vector128<float>.Count;
            for (; i <= last; i += (nuint)Vector128<float>.Count)
            {
                Vector128<float> x = Vector128.LoadUnsafe(ref src, i);
                Vector128.Narrow((Vector128.WidenLower(x) * f) + o, (Vector128.WidenUpper(x) * f) + o).StoreUnsafe(ref dst, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dst, i) = (float)((Unsafe.Add(ref src, i) * factor) + offset);
        }
    }
}
