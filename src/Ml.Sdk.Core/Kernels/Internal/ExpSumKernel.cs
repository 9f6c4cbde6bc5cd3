using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// Fused <c>exp(x - shift)</c> and sum, so that softmax computes each exponential once instead of twice.
/// </summary>
internal static class ExpSumKernel
{
    /// <summary>
    /// Writes <c>exp(source[i] - shift)</c> to <paramref name="destination"/> and returns their sum.
    /// <paramref name="destination"/> may be the same memory as <paramref name="source"/>.
    /// </summary>
    public static float ExpAndSum(ReadOnlySpan<float> source, float shift, Span<float> destination) =>
        Run<StoreExponentials>(source, shift, destination);

    /// <summary>Returns the sum of <c>exp(source[i] - shift)</c> without storing the exponentials.</summary>
    public static float SumExp(ReadOnlySpan<float> source, float shift) =>
        Run<DiscardExponentials>(source, shift, default);

    // One loop for both: TMode is a struct, so the JIT compiles a copy per mode with the store kept or removed.
    private static float Run<TMode>(ReadOnlySpan<float> source, float shift, Span<float> destination)
        where TMode : struct, IExponentialMode
    {
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)source.Length;
        nuint i = 0;
        float sum = 0f;

        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<float>.Count)
        {
            Vector512<float> shiftVector = Vector512.Create(shift);
            Vector512<float> acc = Vector512<float>.Zero;
            nuint last = length - (nuint)Vector512<float>.Count;
            for (; i <= last; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> e = FastExp.Exp(Vector512.LoadUnsafe(ref src, i) - shiftVector);
                if (TMode.Stores)
                {
                    e.StoreUnsafe(ref dst, i);
                }

                acc += e;
            }

            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<float>.Count)
        {
            Vector256<float> shiftVector = Vector256.Create(shift);
            Vector256<float> acc = Vector256<float>.Zero;
            nuint last = length - (nuint)Vector256<float>.Count;
            for (; i <= last; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> e = FastExp.Exp(Vector256.LoadUnsafe(ref src, i) - shiftVector);
                if (TMode.Stores)
                {
                    e.StoreUnsafe(ref dst, i);
                }

                acc += e;
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<float>.Count)
        {
            Vector128<float> shiftVector = Vector128.Create(shift);
            Vector128<float> acc = Vector128<float>.Zero;
            nuint last = length - (nuint)Vector128<float>.Count;
            for (; i <= last; i += (nuint)Vector128<float>.Count)
            {
                Vector128<float> e = Vector128.Exp(Vector128.LoadUnsafe(ref src, i) - shiftVector);
                if (TMode.Stores)
                {
                    e.StoreUnsafe(ref dst, i);
                }

                acc += e;
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            float e = MathF.Exp(Unsafe.Add(ref src, i) - shift);
            if (TMode.Stores)
            {
                Unsafe.Add(ref dst, i) = e;
            }

            sum += e;
        }

        return sum;
    }

    private interface IExponentialMode
    {
        static abstract bool Stores { get; }
    }

    private readonly struct StoreExponentials : IExponentialMode
    {
        public static bool Stores => true;
    }

    private readonly struct DiscardExponentials : IExponentialMode
    {
        public static bool Stores => false;
    }
}
