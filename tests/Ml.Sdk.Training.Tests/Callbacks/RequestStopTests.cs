using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Tests.Fitting;
using Ml.Sdk.Training.Tests.TestSupport;

namespace Ml.Sdk.Training.Tests.Callbacks;

/// <summary>A user callback's <see cref="TrainingContext.RequestStop(string)"/> at each point of the loop.</summary>
public sealed class RequestStopTests
{
    [Fact]
    public async Task FitAsync_StopRequestedAtAnEpochsEnd_EndsAfterThatEpoch()
    {
        using var model = TinyModels.Mlp(seed: 4);
        using TrainingData data = TinyModels.Moons(rows: 128);
        FitOptions options = TinyModels.Classification(maxEpochs: 5);
        options.Callbacks.Add(new StopAt(epochEnd: 2));

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(StopReason.Callback, result.StopReason);
        Assert.Equal(2, result.EpochsCompleted);
        Assert.Equal(8, result.GlobalStep);
    }

    [Fact]
    public async Task FitAsync_StopRequestedAfterAStep_EndsRightThere()
    {
        using var model = TinyModels.Mlp(seed: 4);
        using TrainingData data = TinyModels.Moons(rows: 128);
        FitOptions options = TinyModels.Classification(maxEpochs: 5);
        options.Callbacks.Add(new StopAt(step: 6));

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(StopReason.Callback, result.StopReason);
        Assert.Equal(6, result.GlobalStep);
        Assert.Equal(1, result.EpochsCompleted);
    }

    [Fact]
    public async Task FitAsync_StopRequestedInOnBatchEnd_SkipsThatBatchsStep()
    {
        // ITrainingCallback.OnBatchEnd: "a stop requested here skips them [backward and step], so the weights keep their last good values."
        using var model = TinyModels.Mlp(seed: 4);
        float[] reference;
        using (var referenceModel = CallbackHarness.Twin(model))
        using (TrainingData referenceData = TinyModels.Moons(rows: 128))
        {
            FitOptions referenceOptions = TinyModels.Classification(maxEpochs: 5);
            referenceOptions.MaxSteps = 6;
            _ = await new Trainer(new ComputeDeviceResolver()).FitAsync(referenceModel, referenceData, referenceOptions);
            reference = TrainerFitTests.Flatten(referenceModel);
        }

        using TrainingData data = TinyModels.Moons(rows: 128);
        FitOptions options = TinyModels.Classification(maxEpochs: 5);
        options.Callbacks.Add(new StopAt(batch: 7));

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(StopReason.Callback, result.StopReason);
        Assert.Equal(6, result.GlobalStep);
        Assert.Equal(reference, TrainerFitTests.Flatten(model));
    }

    private sealed class StopAt(int batch = 0, long step = 0, int epochEnd = 0) : ITrainingCallback
    {
        private int _batches;

        public void OnBatchEnd(TrainingContext context, double loss)
        {
            if (++_batches == batch)
            {
                context.RequestStop($"stop at batch {batch}");
            }
        }

        public void OnStepEnd(TrainingContext context)
        {
            if (context.GlobalStep == step)
            {
                context.RequestStop($"stop at step {step}");
            }
        }

        public void OnEpochEnd(TrainingContext context, EpochSummary epoch)
        {
            if (epoch.Epoch == epochEnd)
            {
                context.RequestStop($"stop at epoch {epochEnd}");
            }
        }
    }
}
