using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Devices;
using Ml.Sdk.Training.Fitting.Internal;
using TorchSharp;

namespace Ml.Sdk.Training;

/// <summary>
/// Fits TorchSharp modules: batches (shuffled with a seed), loss, optimizer, gradient clipping and accumulation,
/// limits on epochs, steps and time, callbacks, full checkpoints and resume, device choice, progress, and tracking
/// of each fit as a Registry run. What PyTorch Lightning's <c>Trainer.fit</c> and Keras' <c>fit()</c> give Python.
/// </summary>
/// <remarks>
/// Registered as a singleton by <c>AddMlTraining()</c>; one instance runs any number of fits, concurrently too
/// (each fit keeps its own state), but one model must not be fitted twice at once, and libtorch's random generator
/// (dropout) is process-wide: fits are reproducible from their seed only when no other fit or model initialisation runs
/// at the same time. Every step runs inside
/// <c>torch.NewDisposeScope()</c>, so native memory does not grow with the number of steps.
/// </remarks>
public sealed class Trainer
{
    private static readonly TorchComputeRuntime s_runtime = new();

    private readonly ComputeDeviceResolver _deviceResolver;
    private readonly IExperimentTracker? _tracker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ComputeDevice _defaultDevice;

    /// <summary>Creates a trainer.</summary>
    /// <param name="deviceResolver">Applies the device rule (Core).</param>
    /// <param name="tracker">Where fits are tracked as runs, or <see langword="null"/> to track nothing.</param>
    /// <param name="timeProvider">The clock for time limits, throughput and timestamps; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="defaultDevice">The device of fits whose <see cref="FitOptions.Device"/> is <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="deviceResolver"/> is <see langword="null"/>.</exception>
    public Trainer(
        ComputeDeviceResolver deviceResolver,
        IExperimentTracker? tracker = null,
        TimeProvider? timeProvider = null,
        ILogger<Trainer>? logger = null,
        ComputeDevice defaultDevice = default)
    {
        _defaultDevice = defaultDevice;
        ArgumentNullException.ThrowIfNull(deviceResolver);
        _deviceResolver = deviceResolver;
        _tracker = tracker;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Fits <paramref name="model"/> on <paramref name="data"/>. Bad input (lengths that differ, an empty dataset, NaN or
    /// infinities, class labels outside the model's outputs, a zero batch size, a checkpoint of another architecture or
    /// optimizer) fails before any step runs, and nothing (no checkpoint, no run) is written for it.
    /// </summary>
    /// <param name="model">The module to train; it stays on the chosen device and keeps its training mode afterwards.</param>
    /// <param name="data">The training data.</param>
    /// <param name="options">How to train.</param>
    /// <param name="progress">Receives progress every <see cref="FitOptions.ProgressInterval"/> steps and at each epoch's end.</param>
    /// <param name="cancellationToken">Cancels the fit between batches; a tracked run is then ended as killed.</param>
    /// <returns>What the fit did.</returns>
    /// <exception cref="ArgumentException">An option or the data is invalid; the message names it.</exception>
    /// <exception cref="ComputeDeviceUnavailableException">CUDA was asked for explicitly and libtorch cannot use it.</exception>
    /// <exception cref="Checkpoints.CheckpointMismatchException">The resume checkpoint is from another architecture, optimizer or task.</exception>
    /// <exception cref="InvalidDataException">The resume checkpoint is corrupt or truncated.</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public async Task<TrainingResult> FitAsync(
        torch.nn.Module<torch.Tensor, torch.Tensor> model,
        TrainingData data,
        FitOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        FitOptionsValidation.Validate(options, data, _tracker is not null);
        cancellationToken.ThrowIfCancellationRequested();
        DeviceSelection selection = _deviceResolver.Resolve(options.Device ?? _defaultDevice, s_runtime);
        using Activity? activity = TrainingTelemetry.ActivitySource.StartActivity("ml_sdk.training.fit");
        activity?.SetTag("ml_sdk.training.device", selection.Device.ToString());
        using FitSession session = FitSession.Prepare(model, data, options, selection.Device, _logger, _time);
        await session.CheckStreamAsync(cancellationToken).ConfigureAwait(false);
        RunRecorder? recorder = _tracker is not null && (options.ExperimentName is not null || options.RunId is not null)
            ? await RunRecorder.StartAsync(_tracker, _time, options, cancellationToken).ConfigureAwait(false)
            : null;
        activity?.SetTag("ml_sdk.training.run_id", recorder?.RunId);
        return await session.RunAsync(recorder, progress, cancellationToken).ConfigureAwait(false);
    }
}
