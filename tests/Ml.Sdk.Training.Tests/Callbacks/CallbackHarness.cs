using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Core.Devices;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Callbacks;

/// <summary>
/// A real <see cref="TrainingContext"/> over a one-weight model, for driving a callback epoch by epoch with chosen
/// metrics (deterministic, no fit needed).
/// </summary>
internal sealed class CallbackHarness : IDisposable
{
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> _model;
    private readonly torch.optim.Optimizer _optimizer;

    public CallbackHarness()
    {
        _model = torch.nn.Linear(1, 1);
        _optimizer = torch.optim.SGD(_model.parameters(), 0.1);
        Context = new TrainingContext(_model, _optimizer, new FitOptions(), ComputeDevice.Cpu, NullLogger.Instance, CancellationToken.None);
    }

    public TrainingContext Context { get; }

    public static EpochSummary Epoch(int epoch, params (string Key, double Value)[] metrics) =>
        new(epoch, epoch * 10L, metrics.ToDictionary(static m => m.Key, static m => m.Value, StringComparer.Ordinal), TimeSpan.FromSeconds(1));

    /// <summary>
    /// A second <see cref="TestSupport.TinyModels.Mlp"/> with exactly the weights of <paramref name="source"/>. Seeding
    /// libtorch's global generator is not enough when other test classes build models or fit in parallel.
    /// </summary>
    public static torch.nn.Module<torch.Tensor, torch.Tensor> Twin(torch.nn.Module<torch.Tensor, torch.Tensor> source)
    {
        torch.nn.Module<torch.Tensor, torch.Tensor> twin = TestSupport.TinyModels.Mlp(seed: 0);
        using var noGrad = torch.no_grad();
        foreach ((TorchSharp.Modules.Parameter target, TorchSharp.Modules.Parameter from) in twin.parameters().Zip(source.parameters()))
        {
            target.copy_(from);
        }

        return twin;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }
}
