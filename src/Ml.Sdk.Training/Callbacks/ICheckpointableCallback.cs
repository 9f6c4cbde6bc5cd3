namespace Ml.Sdk.Training.Callbacks;

/// <summary>A callback whose state is saved in checkpoints and restored on resume (early stopping's patience, kept files...).</summary>
public interface ICheckpointableCallback : ITrainingCallback
{
    /// <summary>Gets the key of this callback's state in a checkpoint; unique among a fit's callbacks.</summary>
    string StateKey { get; }

    /// <summary>Returns the state to save, as text (JSON recommended).</summary>
    /// <returns>The state.</returns>
    string SaveState();

    /// <summary>Restores a state written by <see cref="SaveState"/>; called after <see cref="ITrainingCallback.OnFitStart"/>.</summary>
    /// <param name="state">The saved state.</param>
    void LoadState(string state);
}
