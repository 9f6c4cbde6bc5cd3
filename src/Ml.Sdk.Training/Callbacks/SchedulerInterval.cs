namespace Ml.Sdk.Training.Callbacks;

/// <summary>When a learning-rate scheduler steps.</summary>
public enum SchedulerInterval
{
    /// <summary>Once at the end of each epoch.</summary>
    Epoch,

    /// <summary>After each optimizer step.</summary>
    Step,
}
