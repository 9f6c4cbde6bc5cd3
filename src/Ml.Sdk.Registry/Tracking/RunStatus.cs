namespace Ml.Sdk.Registry.Tracking;

/// <summary>The lifecycle state of a run.</summary>
public enum RunStatus
{
    /// <summary>Started and accepting params, metrics and tags.</summary>
    Running = 0,

    /// <summary>Ended successfully.</summary>
    Finished = 1,

    /// <summary>Ended with an error.</summary>
    Failed = 2,

    /// <summary>Ended because it was stopped from outside (cancelled, killed).</summary>
    Killed = 3,
}
