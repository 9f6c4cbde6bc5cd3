using System.Globalization;

namespace Ml.Sdk.Training.Callbacks;

/// <summary>
/// Stops the fit as soon as a batch's loss is NaN or infinite, before that batch's backward pass and step, so the
/// weights keep their last finite values (Keras' <c>TerminateOnNaN</c>, stricter about the update).
/// </summary>
public sealed class TerminateOnNonFiniteLoss : ITrainingCallback
{
    /// <inheritdoc />
    public void OnBatchEnd(TrainingContext context, double loss)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!double.IsFinite(loss))
        {
            context.RequestStop(
                string.Create(CultureInfo.InvariantCulture, $"the loss became {loss} at epoch {context.Epoch}, batch {context.BatchInEpoch + 1}"),
                StopReason.NonFiniteLoss);
        }
    }
}
