namespace Ml.Sdk.Training;

/// <summary>Why a fit ended.</summary>
public enum StopReason
{
    /// <summary>All of <see cref="FitOptions.MaxEpochs"/> ran.</summary>
    MaxEpochs,

    /// <summary><see cref="FitOptions.MaxSteps"/> was reached.</summary>
    MaxSteps,

    /// <summary><see cref="FitOptions.MaxTime"/> was reached.</summary>
    MaxTime,

    /// <summary>A callback asked to stop (e.g. early stopping).</summary>
    Callback,

    /// <summary>The loss became NaN or infinite and a callback stopped the fit.</summary>
    NonFiniteLoss,
}
