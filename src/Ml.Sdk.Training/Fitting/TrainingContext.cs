using Microsoft.Extensions.Logging;
using Ml.Sdk.Core.Devices;
using TorchSharp;

namespace Ml.Sdk.Training;

/// <summary>The state of a running fit as callbacks see it; callbacks steer the fit through its methods.</summary>
public sealed class TrainingContext
{
    private readonly List<string> _requestedCheckpoints = [];

    internal TrainingContext(
        torch.nn.Module<torch.Tensor, torch.Tensor> model,
        torch.optim.Optimizer optimizer,
        FitOptions options,
        ComputeDevice device,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        Model = model;
        Optimizer = optimizer;
        Options = options;
        Device = device;
        Logger = logger;
        CancellationToken = cancellationToken;
    }

    /// <summary>Gets the model being trained.</summary>
    public torch.nn.Module<torch.Tensor, torch.Tensor> Model { get; }

    /// <summary>Gets the optimizer of this fit.</summary>
    public torch.optim.Optimizer Optimizer { get; }

    /// <summary>Gets the fit's options.</summary>
    public FitOptions Options { get; }

    /// <summary>Gets the device the fit runs on.</summary>
    public ComputeDevice Device { get; }

    /// <summary>Gets the trainer's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>Gets the token that cancels the fit.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Gets the current epoch, counted from 1 (0 before the first starts).</summary>
    public int Epoch { get; internal set; }

    /// <summary>Gets the optimizer steps taken since the fit began (including steps before a resume).</summary>
    public long GlobalStep { get; internal set; }

    /// <summary>Gets the batches done in the current epoch.</summary>
    public int BatchInEpoch { get; internal set; }

    /// <summary>Gets whether a stop was requested; the fit ends after the current batch or epoch.</summary>
    public bool StopRequested => StopReason is not null;

    /// <summary>Gets why a stop was requested, or <see langword="null"/>.</summary>
    public string? StopMessage { get; private set; }

    internal StopReason? StopReason { get; private set; }

    internal IReadOnlyList<string> RequestedCheckpoints => _requestedCheckpoints;

    /// <summary>Asks the trainer to stop: during a batch, before that batch's backward pass and step; at an epoch's end, after it.</summary>
    /// <param name="reason">Why, for logs and the run's record.</param>
    public void RequestStop(string reason) => RequestStop(reason, Training.StopReason.Callback);

    /// <summary>
    /// Asks the trainer to write a full checkpoint (weights, optimizer, position, callback states, RNG state) to
    /// <paramref name="path"/> once every callback has seen the current epoch's end, so that the file holds their
    /// updated states. The write is atomic (temp file, then rename).
    /// </summary>
    /// <param name="path">The file to write.</param>
    public void RequestCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _requestedCheckpoints.Add(path);
    }

    internal void RequestStop(string reason, StopReason kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (StopReason is null)
        {
            StopReason = kind;
            StopMessage = reason;
        }
    }

    internal void ClearRequestedCheckpoints() => _requestedCheckpoints.Clear();
}
