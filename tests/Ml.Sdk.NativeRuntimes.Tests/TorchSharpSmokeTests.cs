using Ml.Sdk.Core.NativeRuntimes;
using TorchSharp;

namespace Ml.Sdk.NativeRuntimes.Tests;

public class TorchSharpSmokeTests
{
    [Fact]
    public void NativeLibraryProbe_LibTorchSharp_Loads()
    {
        // Fails with the missing system library named (e.g. libstdc++ lacking GLIBCXX_3.4.32) when bootstrap was skipped.
        NativeLibraryLoadResult result = NativeLibraryProbe.EnsureLoaded("libLibTorchSharp.so", "TorchSharp");

        Assert.True(result.IsLoaded);
        Assert.NotNull(result.Path);
    }

    [Fact]
    public void Torch_SumOfOnes_RunsOnCpu()
    {
        NativeLibraryProbe.EnsureLoaded("libLibTorchSharp.so", "TorchSharp");
        using var scope = torch.NewDisposeScope();

        torch.Tensor ones = torch.ones(2, 3, dtype: torch.ScalarType.Float32);
        float sum = ones.matmul(ones.t()).sum().item<float>();

        Assert.Equal(12f, sum); // [2x3]·[3x2] of ones is a 2x2 of threes
        Assert.Equal(DeviceType.CPU, ones.device_type);
    }
}
