using System.Buffers;

namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>Runs a sorted-input test on validated, pooled sorted copies of two unsorted samples.</summary>
internal static class UnsortedPair
{
    public static StatisticalTestResult Run(
        ReadOnlySpan<float> reference,
        string referenceName,
        ReadOnlySpan<float> current,
        string currentName,
        SortedTest test)
    {
        float[] sortedReference = SampleValidation.RentSortedCopy(reference, referenceName);
        try
        {
            float[] sortedCurrent = SampleValidation.RentSortedCopy(current, currentName);
            try
            {
                return test(sortedReference.AsSpan(0, reference.Length), sortedCurrent.AsSpan(0, current.Length));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(sortedCurrent);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sortedReference);
        }
    }

    /// <summary>A test over two sorted samples.</summary>
    public delegate StatisticalTestResult SortedTest(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent);
}
