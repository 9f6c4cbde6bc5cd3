using Ml.Sdk.Core.Kernels;

namespace Ml.Sdk.Core.Tests.Kernels.Reference;

/// <summary>
/// The plain reading of <c>numpy.histogram</c>: a binary search per value for the last edge not above it. The tests'
/// oracle and the benchmarks' baseline.
/// </summary>
public static class ScalarHistogram
{
    public static HistogramTally Count(ReadOnlySpan<float> values, ReadOnlySpan<float> binEdges, Span<long> counts)
    {
        int binCount = binEdges.Length - 1;
        float first = binEdges[0];
        float last = binEdges[binCount];
        counts.Clear();
        long below = 0;
        long above = 0;
        long nan = 0;
        long inRange = 0;
        foreach (float value in values)
        {
            if (float.IsNaN(value))
            {
                nan++;
            }
            else if (value < first)
            {
                below++;
            }
            else if (value > last)
            {
                above++;
            }
            else
            {
                // The number of edges among the first binCount that are <= value; the value's bin is the last such.
                int low = 0;
                int high = binCount;
                while (low < high)
                {
                    int middle = (low + high) / 2;
                    if (binEdges[middle] <= value)
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                counts[low - 1]++;
                inRange++;
            }
        }

        return new HistogramTally(below, above, nan, inRange);
    }
}
