using System.Runtime.Intrinsics;
using Ml.Sdk.Core.Kernels.Internal;

namespace Ml.Sdk.Core.Tests.Kernels;

public class FastExpTests
{
    [Fact]
    public void Exp_DenseSweep_WithinTwoUlpOfDoublePrecisionExp()
    {
        // Every 97th float from -104 up to -0 and from +0 up to 89: normal, subnormal and zero results alike.
        int worstUlps = 0;
        float worstAt = 0;
        var sweep = new List<float>();
        for (int bits = BitConverter.SingleToInt32Bits(104f); bits > 0; bits -= 97)
        {
            sweep.Add(-BitConverter.Int32BitsToSingle(bits));
        }

        for (int bits = 0; bits <= BitConverter.SingleToInt32Bits(89f); bits += 97)
        {
            sweep.Add(BitConverter.Int32BitsToSingle(bits));
        }

        float[] batch = new float[16];
        for (int start = 0; start + batch.Length <= sweep.Count; start += batch.Length)
        {
            sweep.CopyTo(start, batch, 0, batch.Length);
            float[] results = Evaluate(batch);
            for (int lane = 0; lane < batch.Length; lane++)
            {
                int ulps = UlpDistance((float)Math.Exp(batch[lane]), results[lane]);
                if (ulps > worstUlps)
                {
                    worstUlps = ulps;
                    worstAt = batch[lane];
                }
            }
        }

        Assert.True(sweep.Count > 20_000_000, "the sweep covers the range densely");
        Assert.True(worstUlps <= 2, $"worst error {worstUlps} ulp at x = {worstAt:R}");
    }

    [Fact]
    public void Exp_SpecialValues_MatchMathF()
    {
        float[] inputs = [float.NaN, float.NegativeInfinity, float.PositiveInfinity, -1e30f, 1e30f, 0f, -0f, -103.9f, -87.5f, 88.7f, 89f, 1f];

        float[] results = Evaluate([.. inputs, .. new float[16 - inputs.Length]]);

        for (int i = 0; i < inputs.Length; i++)
        {
            float expected = MathF.Exp(inputs[i]);
            Assert.True(UlpDistance(expected, results[i]) <= 2 || (float.IsNaN(expected) && float.IsNaN(results[i])),
                $"exp({inputs[i]:R}): expected {expected:R}, got {results[i]:R}");
        }
    }

    private static float[] Evaluate(float[] sixteen)
    {
        float[] result = new float[16];
        if (Vector512.IsHardwareAccelerated)
        {
            FastExp.Exp(Vector512.Create(sixteen)).CopyTo(result);
        }
        else
        {
            FastExp.Exp(Vector256.Create(sixteen.AsSpan(0, 8))).CopyTo(result);
            FastExp.Exp(Vector256.Create(sixteen.AsSpan(8, 8))).CopyTo(result, 8);
        }

        return result;
    }

    private static int UlpDistance(float a, float b)
    {
        if (a == b)
        {
            return 0;
        }

        if (float.IsNaN(a) || float.IsNaN(b) || float.IsInfinity(a) || float.IsInfinity(b))
        {
            return int.MaxValue;
        }

        // Positive results only (exp is positive), so the bit patterns are ordered like the values.
        return Math.Abs(BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));
    }
}
