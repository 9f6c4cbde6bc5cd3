using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>
/// What the model outputs, learned from one forward pass over one row before training: the class count for
/// classification, and whether regression targets of shape <c>[rows]</c> must gain a trailing dimension of 1 to match
/// an output of shape <c>[rows, 1]</c> (otherwise a loss such as MSE would broadcast them to <c>[rows, rows]</c>).
/// </summary>
internal sealed record OutputShape(TrainingTask Task, long ClassCount, bool UnsqueezeTargets)
{
    public static OutputShape Probe(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor sampleRow, torch.Tensor sampleLabel, TrainingTask task, torch.Device device)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            torch.Tensor output = model.call(sampleRow.to(device));
            long[] shape = output.shape;
            if (task == TrainingTask.Classification)
            {
                if (shape.Length != 2 || shape[0] != 1 || shape[1] < 2)
                {
                    throw new ArgumentException(
                        $"Classification needs the model to output one logit per class, shape [rows, classes] with classes >= 2; for 1 row it output {TensorChecks.FormatShape(shape)}.",
                        nameof(model));
                }

                return new OutputShape(task, shape[1], UnsqueezeTargets: false);
            }

            long[] target = sampleLabel.shape;
            if (shape.AsSpan().SequenceEqual(target))
            {
                return new OutputShape(task, 0, UnsqueezeTargets: false);
            }

            if (shape.Length == target.Length + 1 && shape[^1] == 1 && shape.AsSpan(0, target.Length).SequenceEqual(target))
            {
                return new OutputShape(task, 0, UnsqueezeTargets: true);
            }

            throw new ArgumentException(
                $"For 1 row the model outputs {TensorChecks.FormatShape(shape)} but the targets are {TensorChecks.FormatShape(target)}: they must match (or be [rows] for an output of [rows, 1]).",
                nameof(model));
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    public torch.Tensor AlignTargets(torch.Tensor labels) => UnsqueezeTargets ? labels.unsqueeze(-1) : labels;
}
