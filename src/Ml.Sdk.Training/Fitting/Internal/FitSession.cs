using Microsoft.Extensions.Logging;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Checkpoints;
using Ml.Sdk.Training.Checkpoints.Internal;
using Ml.Sdk.Training.Data.Internal;
using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>
/// One fit: prepared (every bad input found, nothing written) by <see cref="Prepare"/>, then run by
/// <see cref="RunAsync"/>. Owns the optimizer, the split-off validation rows and an open resume checkpoint.
/// </summary>
internal sealed partial class FitSession : IDisposable
{
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> _model;
    private readonly FitOptions _options;
    private readonly OptimizerHelper _optimizer;
    private readonly ComputeDevice _device;
    private readonly torch.Device _torchDevice;
    private readonly InMemoryBatches? _batches;
    private readonly StreamingTrainingData? _stream;
    private readonly EvaluationSet? _validation;
    private readonly OutputShape? _output;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _modelWasTraining;

    /// <summary>The callbacks as an array: iterating it on every step allocates nothing (an <c>IList</c> enumerator would).</summary>
    private readonly ITrainingCallback[] _callbacks;

    /// <summary>Whether the in-memory rows already sit on the fit's device, so batches need no move.</summary>
    private readonly bool _batchesOnDevice;
    private (CheckpointHeader Header, BinaryReader Tensors)? _resume;

    private FitSession(
        torch.nn.Module<torch.Tensor, torch.Tensor> model,
        FitOptions options,
        OptimizerHelper optimizer,
        ComputeDevice device,
        torch.Device torchDevice,
        InMemoryBatches? batches,
        StreamingTrainingData? stream,
        EvaluationSet? validation,
        OutputShape? output,
        (CheckpointHeader, BinaryReader)? resume,
        ILogger logger,
        TimeProvider time,
        bool modelWasTraining)
    {
        _model = model;
        _options = options;
        _optimizer = optimizer;
        _device = device;
        _torchDevice = torchDevice;
        _batches = batches;
        _stream = stream;
        _validation = validation;
        _output = output;
        _resume = resume;
        _logger = logger;
        _time = time;
        _modelWasTraining = modelWasTraining;
        _batchesOnDevice = batches is not null && batches.IsOn(torchDevice);
        _callbacks = [.. options.Callbacks];
    }

    /// <summary>Checks everything that can be checked before a step, in the order a user would fix them; writes nothing.</summary>
    public static FitSession Prepare(
        torch.nn.Module<torch.Tensor, torch.Tensor> model,
        TrainingData data,
        FitOptions options,
        ComputeDevice device,
        ILogger logger,
        TimeProvider time)
    {
        torch.Device torchDevice = device.Kind == ComputeDeviceKind.Cuda ? new torch.Device(DeviceType.CUDA, device.Index) : torch.CPU;
        EvaluationSet? validation = null;
        OptimizerHelper? optimizer = null;
        (CheckpointHeader, BinaryReader)? resume = null;
        InMemoryBatches? batches = null;
        try
        {
            OutputShape? output = null;
            if (data is InMemoryTrainingData memory)
            {
                TensorChecks.EnsureLabelType(memory.Labels, options.Task, "labels", nameof(data));
                TensorChecks.EnsureFinite(memory.Features, "training features", nameof(data));
                TensorChecks.EnsureFinite(memory.Labels, "training targets", nameof(data));
                long[]? trainRows = SplitRows(memory, options, out validation);
                model.to(torchDevice);
                output = ProbeOutput(model, memory.Features, memory.Labels, options.Task, torchDevice);
                CheckLabels(output, memory.Labels, "training labels", nameof(data));
                batches = new InMemoryBatches(memory.Features, memory.Labels, trainRows, options.BatchSize, options.Shuffle, options.Seed);
            }
            else
            {
                model.to(torchDevice);
            }

            if (options.Validation is not null)
            {
                if (options.Validation is not InMemoryTrainingData given)
                {
                    throw new ArgumentException("Validation data must be held in memory (arrays or tensors), not streamed.", nameof(options));
                }

                TensorChecks.EnsureLabelType(given.Labels, options.Task, "validation labels", nameof(options));
                TensorChecks.EnsureFinite(given.Features, "validation features", nameof(options));
                TensorChecks.EnsureFinite(given.Labels, "validation targets", nameof(options));
                output ??= ProbeOutput(model, given.Features, given.Labels, options.Task, torchDevice);
                CheckLabels(output, given.Labels, "validation labels", nameof(options));
                validation = new EvaluationSet(given.Features, given.Labels, owned: false);
            }

            optimizer = CreateOptimizer(model, options);
            if (options.ResumeFrom is { } path)
            {
                resume = OpenResume(path, model, optimizer, options);
            }

            return new FitSession(
                model, options, optimizer, device, torchDevice, batches, data as StreamingTrainingData, validation, output, resume, logger, time, model.training);
        }
        catch
        {
            batches?.Dispose();
            validation?.Dispose();
            optimizer?.Dispose();
            resume?.Item2.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _batches?.Dispose();
        _validation?.Dispose();
        _optimizer.Dispose();
        _resume?.Tensors.Dispose();
        _resume = null;
    }

    private static void CheckLabels(OutputShape output, torch.Tensor labels, string what, string paramName)
    {
        if (output.Task == TrainingTask.Classification)
        {
            TensorChecks.EnsureClassLabels(labels, output.ClassCount, what, paramName);
        }
    }

    private static OutputShape ProbeOutput(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor features, torch.Tensor labels, TrainingTask task, torch.Device device)
    {
        using var scope = torch.NewDisposeScope();
        return OutputShape.Probe(model, features.narrow(0, 0, 1), labels.narrow(0, 0, 1), task, device);
    }

    private static long[]? SplitRows(InMemoryTrainingData data, FitOptions options, out EvaluationSet? validation)
    {
        validation = null;
        if (options.ValidationSplit <= 0)
        {
            return null;
        }

        long rows = data.Features.shape[0];
        long held = (long)Math.Ceiling(rows * options.ValidationSplit);
        if (held < 1 || held >= rows)
        {
            throw new ArgumentException(
                $"A validation split of {options.ValidationSplit} of {rows} rows leaves {rows - held} for training and {held} for validation; both need at least one.",
                nameof(options));
        }

        long[] all = new long[rows];
        for (long i = 0; i < rows; i++)
        {
            all[i] = i;
        }

        new Random(SeedDerivation.ForValidationSplit(options.Seed)).Shuffle(all);
        long[] validationRows = all[..(int)held];
        long[] trainRows = all[(int)held..];
        Array.Sort(validationRows);
        Array.Sort(trainRows);
        using torch.Tensor index = torch.tensor(validationRows);
        validation = new EvaluationSet(data.Features.index_select(0, index), data.Labels.index_select(0, index), owned: true);
        return trainRows;
    }

    private static OptimizerHelper CreateOptimizer(torch.nn.Module<torch.Tensor, torch.Tensor> model, FitOptions options)
    {
        torch.optim.Optimizer created = options.Optimizer!(model.parameters())
            ?? throw new ArgumentException("The optimizer factory returned null.", nameof(options));
        if (created is OptimizerHelper helper)
        {
            return helper;
        }

        created.Dispose();
        throw new ArgumentException(
            $"The optimizer {created.GetType().Name} cannot be checkpointed: use a TorchSharp optimizer (they derive from OptimizerHelper).",
            nameof(options));
    }

    private static (CheckpointHeader, BinaryReader) OpenResume(string path, torch.nn.Module model, OptimizerHelper optimizer, FitOptions options)
    {
        (CheckpointHeader header, BinaryReader tensors) = CheckpointFile.Open(path);
        try
        {
            CheckpointFile.EnsureSameArchitecture(path, header.Parameters, CheckpointFile.DescribeState(model));
            string optimizerType = optimizer.GetType().FullName!;
            if (!string.Equals(header.OptimizerType, optimizerType, StringComparison.Ordinal))
            {
                throw new CheckpointMismatchException(
                    $"The checkpoint '{path}' was written with optimizer {header.OptimizerType} but this fit uses {optimizerType}: resume with the same optimizer, or start a new fit from its weights (TrainingCheckpoint.LoadWeights).")
                {
                    CheckpointPath = path,
                };
            }

            if (!string.Equals(header.Task, options.Task.ToString(), StringComparison.Ordinal))
            {
                throw new CheckpointMismatchException($"The checkpoint '{path}' is from a {header.Task} fit but this fit is {options.Task}.")
                {
                    CheckpointPath = path,
                };
            }

            if (header.EpochsCompleted >= options.MaxEpochs && header.BatchInEpoch == 0)
            {
                throw new ArgumentException(
                    $"The checkpoint '{path}' has already finished {header.EpochsCompleted} epoch(s); raise FitOptions.MaxEpochs above that to train further.",
                    nameof(options));
            }

            return (header, tensors);
        }
        catch
        {
            tensors.Dispose();
            throw;
        }
    }
}
