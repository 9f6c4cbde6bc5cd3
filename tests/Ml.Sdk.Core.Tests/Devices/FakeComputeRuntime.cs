using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Core.Tests.Devices;

/// <summary>A runtime whose CUDA report the test sets; counts probes.</summary>
internal sealed class FakeComputeRuntime(Func<CudaAvailability> probe) : IComputeRuntime
{
    public string Name => "FakeRuntime";

    public int ProbeCount { get; private set; }

    public CudaAvailability ProbeCuda()
    {
        ProbeCount++;
        return probe();
    }
}
