using System.Text.Json;
using Ml.Sdk.Training.Callbacks.Internal;
using TorchSharp;

namespace Ml.Sdk.Training.Callbacks;

/// <summary>
/// Steps a TorchSharp learning-rate scheduler per epoch or per optimizer step. Its position is saved in checkpoints
/// and replayed on resume (every step again, with the same monitored values), so any deterministic scheduler,
/// including <c>ReduceLROnPlateau</c>, continues where it was.
/// </summary>
public sealed class LearningRateScheduling : ICheckpointableCallback
{
    private readonly Func<torch.optim.Optimizer, torch.optim.lr_scheduler.LRScheduler> _factory;
    private readonly List<double?> _steps = [];
    private torch.optim.lr_scheduler.LRScheduler? _scheduler;

    /// <summary>Creates the callback.</summary>
    /// <param name="factory">Creates the scheduler over the fit's optimizer, e.g. <c>o =&gt; torch.optim.lr_scheduler.StepLR(o, 10)</c>.</param>
    /// <param name="interval">When the scheduler steps.</param>
    /// <param name="monitor">A metric passed to each epoch step (for <c>ReduceLROnPlateau</c>), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A monitor was given with <see cref="SchedulerInterval.Step"/>.</exception>
    public LearningRateScheduling(
        Func<torch.optim.Optimizer, torch.optim.lr_scheduler.LRScheduler> factory,
        SchedulerInterval interval = SchedulerInterval.Epoch,
        string? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (monitor is not null && interval == SchedulerInterval.Step)
        {
            throw new ArgumentException("A monitored metric exists only at an epoch's end: use SchedulerInterval.Epoch with a monitor.", nameof(monitor));
        }

        _factory = factory;
        Interval = interval;
        Monitor = monitor;
    }

    /// <summary>Gets when the scheduler steps.</summary>
    public SchedulerInterval Interval { get; }

    /// <summary>Gets the metric passed to each step, or <see langword="null"/>.</summary>
    public string? Monitor { get; }

    /// <summary>Gets how many times the scheduler has stepped in this fit, including replayed steps.</summary>
    public int StepCount => _steps.Count;

    /// <inheritdoc />
    public string StateKey => "lr_scheduler";

    /// <inheritdoc />
    public void OnFitStart(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _steps.Clear();
        _scheduler = _factory(context.Optimizer) ?? throw new InvalidOperationException("The scheduler factory returned null.");
    }

    /// <inheritdoc />
    public void OnStepEnd(TrainingContext context)
    {
        if (Interval == SchedulerInterval.Step)
        {
            Step(null);
        }
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context, EpochSummary epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        if (Interval == SchedulerInterval.Epoch)
        {
            Step(Monitor is null ? null : MonitoredMetric.Read(epoch, Monitor, nameof(LearningRateScheduling)));
        }
    }

    /// <inheritdoc />
    public string SaveState() => JsonSerializer.Serialize(new SchedulerState([.. _steps]), CallbackStateJson.Default.SchedulerState);

    /// <inheritdoc />
    public void LoadState(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        SchedulerState restored = JsonSerializer.Deserialize(state, CallbackStateJson.Default.SchedulerState)
            ?? throw new ArgumentException("The scheduler state is empty.", nameof(state));
        foreach (double? step in restored.Steps)
        {
            Step(step);
        }
    }

    private void Step(double? monitored)
    {
        torch.optim.lr_scheduler.LRScheduler scheduler = _scheduler
            ?? throw new InvalidOperationException("The scheduler is created when the fit starts.");
        if (monitored is double value)
        {
            scheduler.step(value, null);
        }
        else
        {
            scheduler.step();
        }

        _steps.Add(monitored);
    }
}
