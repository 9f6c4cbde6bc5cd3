using TorchSharp;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>Puts a model in eval mode and, when disposed, gives every module back its own training flag.</summary>
internal sealed class TrainingModeScope : IDisposable
{
    private readonly List<(torch.nn.Module Module, bool Training)> _saved;

    private TrainingModeScope(List<(torch.nn.Module Module, bool Training)> saved)
    {
        _saved = saved;
    }

    public static TrainingModeScope Eval(torch.nn.Module model)
    {
        // Parents before children: train(bool) recurses, so restoring in this order leaves each child's own flag last.
        List<(torch.nn.Module, bool)> saved = [(model, model.training)];
        foreach (torch.nn.Module module in model.modules())
        {
            if (!ReferenceEquals(module, model))
            {
                saved.Add((module, module.training));
            }
        }

        model.eval();
        return new TrainingModeScope(saved);
    }

    public void Dispose()
    {
        foreach ((torch.nn.Module module, bool training) in _saved)
        {
            module.train(training);
        }
    }
}
