using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training;

/// <summary>How one call to <see cref="Trainer.FitAsync"/> trains: loss, optimizer, limits, callbacks, device, tracking.</summary>
public sealed class FitOptions
{
    /// <summary>Gets or sets the loss: <c>(output, labels) =&gt; loss</c>, e.g. <c>nn.CrossEntropyLoss().forward</c>. Required.</summary>
    public Func<torch.Tensor, torch.Tensor, torch.Tensor>? Loss { get; set; }

    /// <summary>
    /// Gets or sets the optimizer factory, e.g. <c>p =&gt; torch.optim.Adam(p, 1e-3)</c>. Required. It must return a
    /// TorchSharp optimizer deriving from <see cref="OptimizerHelper"/> (all built-in ones do) so that its state can be
    /// checkpointed.
    /// </summary>
    public Func<IEnumerable<Parameter>, torch.optim.Optimizer>? Optimizer { get; set; }

    /// <summary>Gets or sets what the model predicts.</summary>
    /// <value>Default <see cref="TrainingTask.Classification"/>.</value>
    public TrainingTask Task { get; set; } = TrainingTask.Classification;

    /// <summary>Gets or sets the rows per batch.</summary>
    /// <value>Default 32; must be at least 1.</value>
    public int BatchSize { get; set; } = 32;

    /// <summary>Gets or sets the number of epochs the fit runs in all (a resumed fit continues to this total).</summary>
    /// <value>Default 10; must be at least 1.</value>
    public int MaxEpochs { get; set; } = 10;

    /// <summary>Gets or sets a limit on optimizer steps over the whole fit, or <see langword="null"/> for none.</summary>
    public long? MaxSteps { get; set; }

    /// <summary>Gets or sets a limit on wall time (of the injected <see cref="TimeProvider"/>), or <see langword="null"/> for none.</summary>
    public TimeSpan? MaxTime { get; set; }

    /// <summary>Gets or sets the seed for shuffling, the validation split and libtorch's generator (dropout, initialisation done during the fit).</summary>
    /// <value>Default 0.</value>
    public int Seed { get; set; }

    /// <summary>Gets or sets whether in-memory training rows are shuffled each epoch (seeded by <see cref="Seed"/> and the epoch).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Shuffle { get; set; } = true;

    /// <summary>Gets or sets validation data; when set, <see cref="ValidationSplit"/> must be 0.</summary>
    public TrainingData? Validation { get; set; }

    /// <summary>Gets or sets the fraction of in-memory rows held out (seeded) for validation when <see cref="Validation"/> is not set.</summary>
    /// <value>Default 0 (no validation); must be in [0, 1).</value>
    public double ValidationSplit { get; set; }

    /// <summary>Gets or sets the maximum L2 norm of all gradients together, or <see langword="null"/> for no clipping by norm.</summary>
    public double? GradientClipNorm { get; set; }

    /// <summary>Gets or sets the bound on each gradient value (clamped to ±value), or <see langword="null"/> for no clipping by value.</summary>
    public double? GradientClipValue { get; set; }

    /// <summary>Gets or sets how many batches' gradients are accumulated into one optimizer step.</summary>
    /// <value>Default 1; must be at least 1. Each batch's loss is divided by this before its backward pass.</value>
    public int AccumulationSteps { get; set; } = 1;

    /// <summary>
    /// Gets or sets the device; <see cref="ComputeDevice.Auto"/> uses CUDA when libtorch reports it, and
    /// <see langword="null"/> uses the trainer's default (<c>AddMlTraining</c>'s <c>Device</c>, else <c>AddMlCore</c>'s
    /// <c>DefaultDevice</c>, else Auto).
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public ComputeDevice? Device { get; set; }

    /// <summary>Gets the callbacks, called in list order.</summary>
    public IList<ITrainingCallback> Callbacks { get; } = [];

    /// <summary>Gets or sets a checkpoint file to resume from (written by this trainer), or <see langword="null"/>.</summary>
    public string? ResumeFrom { get; set; }

    /// <summary>
    /// Gets or sets the experiment to track the fit in, as a new run; <see langword="null"/> (and no
    /// <see cref="RunId"/>) tracks nothing. Needs an <c>IExperimentTracker</c> in the trainer.
    /// </summary>
    public string? ExperimentName { get; set; }

    /// <summary>Gets or sets the name of the run the fit starts, or <see langword="null"/> for a generated one.</summary>
    public string? RunName { get; set; }

    /// <summary>Gets or sets an existing run to log into (a hyperparameter search's trial) instead of starting one; the caller ends it.</summary>
    public string? RunId { get; set; }

    /// <summary>
    /// Gets or sets whether the fit ends the run it started. Set it to <see langword="false"/> to leave the run open
    /// (Running) for steps after the fit, such as <see cref="Promotion.ModelPromotionGate"/> recording its decision
    /// (the gate then ends it). A run given by <see cref="RunId"/> is never ended by the fit.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool EndRun { get; set; } = true;

    /// <summary>Gets extra params to record on the run (e.g. the model's hyperparameters).</summary>
    public IDictionary<string, string> Params { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets how many optimizer steps pass between progress reports inside an epoch.</summary>
    /// <value>Default 10; every epoch's end is reported too.</value>
    public int ProgressInterval { get; set; } = 10;
}
