using Ml.Sdk.Monitoring.Streaming.Internal;

namespace Ml.Sdk.Monitoring.Tests.Streaming.Internal;

/// <summary>A theory that runs only where <see cref="KswinAgeOrderWindow"/> runs (AVX-512 VBMI), and says so otherwise.</summary>
public sealed class Avx512VbmiTheoryAttribute : TheoryAttribute
{
    /// <summary>Marks the theory skipped on processors without AVX-512 VBMI.</summary>
    public Avx512VbmiTheoryAttribute()
    {
        if (!KswinAgeOrderWindow.IsSupported)
        {
            Skip = "This processor lacks AVX-512 VBMI, which KSWIN's value-order layout needs.";
        }
    }
}
