namespace Ml.Sdk.Core.Tests.Kernels.Reference;

/// <summary>Plain scalar loops with the documented row-wise semantics: the oracle for tests and the benchmark baseline.</summary>
public static class ScalarRowWise
{
    public static void Softmax(ReadOnlySpan<float> input, Span<float> destination, int rowLength)
    {
        for (int start = 0; start < input.Length; start += rowLength)
        {
            ReadOnlySpan<float> row = input.Slice(start, rowLength);
            Span<float> target = destination.Slice(start, rowLength);
            float max = Max(row);
            float sum = 0f;
            for (int i = 0; i < row.Length; i++)
            {
                target[i] = MathF.Exp(row[i] - max);
                sum += target[i];
            }

            for (int i = 0; i < row.Length; i++)
            {
                target[i] /= sum;
            }
        }
    }

    public static void LogSoftmax(ReadOnlySpan<float> input, Span<float> destination, int rowLength)
    {
        for (int start = 0; start < input.Length; start += rowLength)
        {
            ReadOnlySpan<float> row = input.Slice(start, rowLength);
            Span<float> target = destination.Slice(start, rowLength);
            float max = Max(row);
            if (!float.IsFinite(max))
            {
                max = 0f;
            }

            float sum = 0f;
            for (int i = 0; i < row.Length; i++)
            {
                sum += MathF.Exp(row[i] - max);
            }

            float logSum = MathF.Log(sum);
            for (int i = 0; i < row.Length; i++)
            {
                target[i] = (row[i] - max) - logSum;
            }
        }
    }

    public static void ArgMax(ReadOnlySpan<float> input, int rowLength, Span<int> destination)
    {
        for (int r = 0; r < destination.Length; r++)
        {
            ReadOnlySpan<float> row = input.Slice(r * rowLength, rowLength);
            int best = 0;
            for (int i = 0; i < row.Length; i++)
            {
                if (float.IsNaN(row[i]))
                {
                    best = i;
                    break;
                }

                if (row[i] > row[best])
                {
                    best = i;
                }
            }

            destination[r] = best;
        }
    }

    public static void TopK(ReadOnlySpan<float> input, int rowLength, int k, Span<int> indices, Span<float> values)
    {
        for (int r = 0; r * rowLength < input.Length; r++)
        {
            ReadOnlySpan<float> row = input.Slice(r * rowLength, rowLength);
            int previous = -1;
            for (int j = 0; j < k; j++)
            {
                // The best element that ranks strictly below the previous pick: k selection passes.
                int best = -1;
                for (int i = 0; i < row.Length; i++)
                {
                    if (previous >= 0 && !Outranks(row, previous, i))
                    {
                        continue;
                    }

                    if (best < 0 || Outranks(row, i, best))
                    {
                        best = i;
                    }
                }

                indices[(r * k) + j] = best;
                values[(r * k) + j] = row[best];
                previous = best;
            }
        }
    }

    // torch.topk order: NaN first (by index), then larger values, -0 == +0, ties by lower index.
    public static bool Outranks(ReadOnlySpan<float> row, int a, int b)
    {
        float x = row[a];
        float y = row[b];
        if (float.IsNaN(x) || float.IsNaN(y))
        {
            return float.IsNaN(x) && (!float.IsNaN(y) || a < b);
        }

        return x > y || (x == y && a < b);
    }

    private static float Max(ReadOnlySpan<float> row)
    {
        float max = float.NegativeInfinity;
        foreach (float x in row)
        {
            if (float.IsNaN(x))
            {
                return float.NaN;
            }

            if (x > max)
            {
                max = x;
            }
        }

        return max;
    }
}
