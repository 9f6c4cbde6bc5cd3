using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>The validation pass: eval mode, no gradients, batched forward passes, then the loss and the task's metrics.</summary>
internal sealed class Evaluator(
    torch.nn.Module<torch.Tensor, torch.Tensor> model,
    Func<torch.Tensor, torch.Tensor, torch.Tensor> loss,
    OutputShape output,
    torch.Device device,
    int batchSize)
{
    private const string Prefix = "val_";

    public Dictionary<string, double> Evaluate(EvaluationSet set)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            long rows = set.RowCount;
            long perRow = -1;
            float[]? outputs = null;
            double lossSum = 0;
            using (torch.no_grad())
            {
                for (long start = 0; start < rows; start += batchSize)
                {
                    using var scope = torch.NewDisposeScope();
                    long count = Math.Min(batchSize, rows - start);
                    torch.Tensor x = set.Features.narrow(0, start, count).to(device);
                    torch.Tensor y = output.AlignTargets(set.Labels.narrow(0, start, count).to(device));
                    torch.Tensor predicted = model.call(x);
                    lossSum += loss(predicted, y).to_type(torch.ScalarType.Float64).item<double>() * count;
                    torch.Tensor flat = predicted.to_type(torch.ScalarType.Float32).cpu().contiguous().reshape(count, -1);
                    if (outputs is null)
                    {
                        perRow = flat.shape[1];
                        outputs = new float[checked((int)(rows * perRow))];
                    }

                    flat.data<float>().CopyTo(outputs, checked((int)(start * perRow)));
                }
            }

            var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { [Prefix + "loss"] = lossSum / rows };
            foreach ((string name, double value) in ValidationMetrics.Compute(output, outputs!, set.Labels))
            {
                metrics[Prefix + name] = value;
            }

            return metrics;
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
