namespace Ml.Sdk.Training.Callbacks;

/// <summary>
/// A hook into the fit loop. Every method has an empty default, so a callback implements only what it needs.
/// Callbacks run on the training thread, in the order of <see cref="FitOptions.Callbacks"/>.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Called once, after the optimizer exists and before a resume restores callback states.</summary>
    /// <param name="context">The fit.</param>
    void OnFitStart(TrainingContext context)
    {
    }

    /// <summary>Called when an epoch begins.</summary>
    /// <param name="context">The fit.</param>
    void OnEpochStart(TrainingContext context)
    {
    }

    /// <summary>
    /// Called after a batch's forward pass and loss, before its backward pass and optimizer step; a stop requested
    /// here skips them, so the weights keep their last good values.
    /// </summary>
    /// <param name="context">The fit.</param>
    /// <param name="loss">The batch's loss (not divided by the accumulation steps).</param>
    void OnBatchEnd(TrainingContext context, double loss)
    {
    }

    /// <summary>Called after each optimizer step (every <see cref="FitOptions.AccumulationSteps"/> batches).</summary>
    /// <param name="context">The fit.</param>
    void OnStepEnd(TrainingContext context)
    {
    }

    /// <summary>Called after an epoch's validation, with its figures.</summary>
    /// <param name="context">The fit.</param>
    /// <param name="epoch">The epoch's figures.</param>
    void OnEpochEnd(TrainingContext context, EpochSummary epoch)
    {
    }

    /// <summary>Called once when the fit ends normally (not on an exception or cancellation).</summary>
    /// <param name="context">The fit.</param>
    void OnFitEnd(TrainingContext context)
    {
    }
}
