namespace Ml.Sdk.Training.Callbacks.Internal;

/// <summary>The saved state of <see cref="EarlyStopping"/>.</summary>
internal sealed record EarlyStoppingState(double Best, int BestEpoch, int Wait);

/// <summary>One checkpoint file a <see cref="ModelCheckpoint"/> keeps.</summary>
internal sealed record KeptCheckpoint(int Epoch, double Value, string Path);

/// <summary>The saved state of <see cref="ModelCheckpoint"/>.</summary>
internal sealed record ModelCheckpointState(List<KeptCheckpoint> Kept);

/// <summary>The saved state of <see cref="LearningRateScheduling"/>: the arguments of every step so far, replayed on resume.</summary>
internal sealed record SchedulerState(List<double?> Steps);
