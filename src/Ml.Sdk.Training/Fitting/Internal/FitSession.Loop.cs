using System.Globalization;
using Microsoft.Extensions.Logging;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Checkpoints.Internal;
using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>The epoch and batch loop.</summary>
internal sealed partial class FitSession
{
    private TrainingContext? _context;
    private OutputShape? _streamOutput;
    private int _microBatches;
    private double _epochLossSum;
    private int _epochLossCount;
    private double _initialLearningRate;

    public async Task<TrainingResult> RunAsync(RunRecorder? recorder, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainingContext context = new(_model, _optimizer, _options, _device, _logger, cancellationToken);
        _context = context;
        var history = new List<EpochSummary>();
        IReadOnlyDictionary<string, double> lastMetrics = new Dictionary<string, double>(StringComparer.Ordinal);
        _initialLearningRate = _optimizer.ParamGroups.First().LearningRate;
        try
        {
            int skipBatches = StartOrResume(context);
            if (recorder is not null)
            {
                await recorder.LogParamsAsync(DescribeParams(), cancellationToken).ConfigureAwait(false);
            }

            TrainingLog.FitStarting(_logger, _device, _batches?.RowCount, _validation?.RowCount ?? 0, _options.BatchSize, context.Epoch + 1, _options.MaxEpochs);
            var meter = new ThroughputMeter(_time);
            StopReason? stop = null;
            int epochsCompleted = context.Epoch;
            _optimizer.zero_grad();
            for (int epoch = context.Epoch + 1; epoch <= _options.MaxEpochs && stop is null; epoch++)
            {
                context.Epoch = epoch;
                long epochStarted = _time.GetTimestamp();
                foreach (ITrainingCallback callback in _callbacks)
                {
                    callback.OnEpochStart(context);
                }

                _model.train();
                (bool completed, double trainLoss, stop) = await RunEpochAsync(context, skipBatches, meter, progress, cancellationToken).ConfigureAwait(false);
                skipBatches = 0;
                if (!completed)
                {
                    break;
                }

                EpochSummary summary = FinishEpoch(context, trainLoss, _time.GetElapsedTime(epochStarted));
                history.Add(summary);
                lastMetrics = summary.Metrics;
                epochsCompleted = epoch;
                int batchesDone = context.BatchInEpoch;
                context.BatchInEpoch = 0;
                WriteRequestedCheckpoints(context, summary.Metrics);
                if (recorder is not null)
                {
                    await recorder.LogEpochAsync(summary, cancellationToken).ConfigureAwait(false);
                }

                progress?.Report(Progress(context, batchesDone, summary.Metrics["train_loss"], summary.Metrics, meter, isEpochEnd: true));
                stop ??= context.StopReason ?? LimitReached(context, meter);
            }

            StopReason reason = stop ?? StopReason.MaxEpochs;
            TrainingLog.FitStopped(_logger, reason, epochsCompleted, context.GlobalStep, context.StopMessage);
            ModelCheckpoint? checkpoints = _options.Callbacks.OfType<ModelCheckpoint>().FirstOrDefault(static c => c.SaveLast);
            string? lastPath = checkpoints?.LastPath;
            string? temporary = null;
            if (lastPath is null && recorder is not null)
            {
                temporary = Path.Combine(Path.GetTempPath(), "ml-sdk-" + Guid.NewGuid().ToString("N") + ".ckpt");
            }

            if ((lastPath ?? temporary) is { } finalPath)
            {
                WriteCheckpoint(context, finalPath, lastMetrics);
            }

            var result = new TrainingResult
            {
                EpochsCompleted = epochsCompleted,
                GlobalStep = context.GlobalStep,
                StopReason = reason,
                History = history,
                FinalMetrics = lastMetrics,
                Device = _device,
                RunId = recorder?.RunId,
                LastCheckpointPath = lastPath,
                BestCheckpointPath = _options.Callbacks.OfType<ModelCheckpoint>().Select(static c => c.BestPath).FirstOrDefault(static p => p is not null),
            };

            try
            {
                if (recorder is not null)
                {
                    var artifacts = new List<(string, string)> { ("last.ckpt", (lastPath ?? temporary)!) };
                    if (result.BestCheckpointPath is { } best)
                    {
                        artifacts.Add(("best.ckpt", best));
                    }

                    await recorder.CompleteAsync(result, artifacts, _options.EndRun, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (temporary is not null)
                {
                    File.Delete(temporary);
                }
            }

            foreach (ITrainingCallback callback in _callbacks)
            {
                callback.OnFitEnd(context);
            }

            return result;
        }
        catch (OperationCanceledException)
        {
            if (recorder is not null)
            {
                await recorder.AbandonAsync(RunStatus.Killed).ConfigureAwait(false);
            }

            throw;
        }
        catch (Exception ex)
        {
            TrainingLog.FitFailed(_logger, ex, context.Epoch, context.GlobalStep);
            if (recorder is not null)
            {
                await recorder.AbandonAsync(RunStatus.Failed).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            _model.train(_modelWasTraining);
        }
    }

    /// <summary>
    /// For a stream: reads and checks its first batch (calling the source once more) before the fit writes anything,
    /// so that a bad or empty stream fails like bad in-memory data, with no run and no checkpoint folder.
    /// </summary>
    public async Task CheckStreamAsync(CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            return;
        }

        IAsyncEnumerator<TrainingBatch> batches = _stream.Source(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (batches.ConfigureAwait(false))
        {
            if (!await batches.MoveNextAsync().ConfigureAwait(false))
            {
                throw new ArgumentException("The batch stream yielded no batch: training needs at least one row.");
            }

            TrainingBatch first = batches.Current;
            using var scope = torch.NewDisposeScope();
            scope.Attach(first.Features);
            scope.Attach(first.Labels);
            StreamedBatchChecks.Check(first, _options.Task, "streamed batch 1 of epoch 1", ref _streamOutput, _model, _torchDevice);
        }
    }

    private int StartOrResume(TrainingContext context)
    {
        foreach (ITrainingCallback callback in _callbacks)
        {
            callback.OnFitStart(context);
        }

        if (_resume is not { } resume)
        {
            torch.random.manual_seed(_options.Seed);
            return 0;
        }

        CheckpointHeader header = resume.Header;
        var states = new Dictionary<string, string>(header.CallbackStates, StringComparer.Ordinal);
        foreach (ICheckpointableCallback callback in _options.Callbacks.OfType<ICheckpointableCallback>())
        {
            if (states.Remove(callback.StateKey, out string? state))
            {
                callback.LoadState(state);
            }
        }

        foreach (string unused in states.Keys)
        {
            TrainingLog.UnusedCallbackState(_logger, unused);
        }

        _model.load(resume.Tensors, strict: true);
        _optimizer.load_state_dict(resume.Tensors);
        using (torch.Tensor rng = torch.tensor(Convert.FromBase64String(header.RngState)))
        {
            torch.random.set_rng_state(rng);
        }

        resume.Tensors.Dispose();
        _resume = null;
        context.Epoch = header.EpochsCompleted;
        context.GlobalStep = header.GlobalStep;
        context.BatchInEpoch = header.BatchInEpoch;
        _epochLossSum = header.EpochLossSum;
        _epochLossCount = header.EpochLossCount;
        TrainingLog.Resuming(_logger, _options.ResumeFrom!, header.EpochsCompleted, header.GlobalStep);
        return header.BatchInEpoch;
    }

    private async Task<(bool Completed, double Loss, StopReason? Stop)> RunEpochAsync(
        TrainingContext context, int skipBatches, ThroughputMeter meter, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        context.BatchInEpoch = skipBatches;
        if (skipBatches == 0)
        {
            _epochLossSum = 0;
            _epochLossCount = 0;
        }

        _microBatches = 0;
        if (_batches is not null)
        {
            using torch.Tensor order = _batches.EpochOrder(context.Epoch);
            for (int batch = skipBatches; batch < _batches.BatchCount; batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool lastOfEpoch = batch == _batches.BatchCount - 1;
                (double loss, long rows, bool skipped) = StepInMemory(context, order, batch, lastOfEpoch);
                if (Tally(context, loss, rows, meter, progress, lastOfEpoch, skipped) is { } stop)
                {
                    return (lastOfEpoch && !skipped, EpochLoss, stop);
                }
            }

            return (true, EpochLoss, null);
        }

        IAsyncEnumerator<TrainingBatch> batches = _stream!.Source(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (batches.ConfigureAwait(false))
        {
            bool more = await batches.MoveNextAsync().ConfigureAwait(false);
            for (int skipped = 0; skipped < skipBatches && more; skipped++)
            {
                batches.Current.Features.Dispose();
                batches.Current.Labels.Dispose();
                more = await batches.MoveNextAsync().ConfigureAwait(false);
            }

            while (more)
            {
                TrainingBatch current = batches.Current;
                more = await batches.MoveNextAsync().ConfigureAwait(false);
                (double loss, long rows, bool skipped) = StepStreamed(context, current, lastOfEpoch: !more);
                if (Tally(context, loss, rows, meter, progress, !more, skipped) is { } stop)
                {
                    return (!more && !skipped, EpochLoss, stop);
                }
            }
        }

        if (_epochLossCount == 0)
        {
            throw new InvalidOperationException($"The batch stream yielded no batch in epoch {context.Epoch}: training needs at least one row.");
        }

        return (true, EpochLoss, null);
    }

    private double EpochLoss => _epochLossSum / Math.Max(_epochLossCount, 1);

    private StopReason? Tally(TrainingContext context, double loss, long rows, ThroughputMeter meter, IProgress<TrainingProgress>? progress, bool lastOfEpoch, bool skipped)
    {
        if (skipped)
        {
            return context.StopReason;
        }

        _epochLossSum += loss;
        _epochLossCount++;
        context.BatchInEpoch++;
        meter.Add(rows);
        if (progress is not null && !lastOfEpoch && context.BatchInEpoch % _options.ProgressInterval == 0)
        {
            progress.Report(Progress(context, context.BatchInEpoch, EpochLoss, LastEpochMetrics, meter, isEpochEnd: false));
        }

        return context.StopReason ?? LimitReached(context, meter);
    }

    private StopReason? LimitReached(TrainingContext context, ThroughputMeter meter)
    {
        if (_options.MaxSteps is long maxSteps && context.GlobalStep >= maxSteps)
        {
            context.RequestStop($"reached {maxSteps} step(s)", StopReason.MaxSteps);
            return StopReason.MaxSteps;
        }

        if (_options.MaxTime is TimeSpan maxTime && meter.Elapsed >= maxTime && _microBatches == 0)
        {
            context.RequestStop($"reached the time limit of {maxTime}", StopReason.MaxTime);
            return StopReason.MaxTime;
        }

        return null;
    }

    private (double Loss, long Rows, bool Skipped) StepInMemory(TrainingContext context, torch.Tensor order, int batch, bool lastOfEpoch)
    {
        using var scope = torch.NewDisposeScope();
        (torch.Tensor features, torch.Tensor labels) = _batches!.Batch(order, batch);
        return Step(context, features, labels, _batches.RowsIn(batch), _batchesOnDevice, lastOfEpoch);
    }

    private (double Loss, long Rows, bool Skipped) StepStreamed(TrainingContext context, TrainingBatch batch, bool lastOfEpoch)
    {
        using var scope = torch.NewDisposeScope();
        scope.Attach(batch.Features);
        scope.Attach(batch.Labels);
        StreamedBatchChecks.Check(batch, _options.Task, $"streamed batch {context.BatchInEpoch + 1} of epoch {context.Epoch}", ref _streamOutput, _model, _torchDevice);
        return Step(context, batch.Features, batch.Labels, batch.Features.shape[0], onDevice: false, lastOfEpoch);
    }

    /// <summary>Forward, loss, callbacks, backward, and (every AccumulationSteps batches or at the epoch's end) the optimizer step.</summary>
    private (double Loss, long Rows, bool Skipped) Step(
        TrainingContext context, torch.Tensor features, torch.Tensor labels, long rows, bool onDevice, bool lastOfEpoch)
    {
        OutputShape output = (_output ?? _streamOutput)!;
        torch.Tensor x = onDevice ? features : features.to(_torchDevice);
        torch.Tensor y = output.AlignTargets(onDevice ? labels : labels.to(_torchDevice));
        torch.Tensor loss = _options.Loss!(_model.call(x), y);
        double value = loss.dtype == torch.ScalarType.Float32 ? loss.item<float>() : loss.to_type(torch.ScalarType.Float64).item<double>();
        foreach (ITrainingCallback callback in _callbacks)
        {
            callback.OnBatchEnd(context, value);
        }

        if (context.StopRequested)
        {
            // A stop asked for during the batch skips its backward pass and step, and drops a half-accumulated
            // gradient, so the weights (and a final checkpoint) stay at the last optimizer step.
            _optimizer.zero_grad();
            _microBatches = 0;
            return (value, rows, true);
        }

        (_options.AccumulationSteps == 1 ? loss : loss / _options.AccumulationSteps).backward();
        _microBatches++;
        if (_microBatches == _options.AccumulationSteps || lastOfEpoch)
        {
            ApplyStep(context);
        }

        return (value, rows, false);
    }

    private void ApplyStep(TrainingContext context)
    {
        if (_options.GradientClipValue is double clipValue)
        {
            torch.nn.utils.clip_grad_value_(_model.parameters(), clipValue);
        }

        if (_options.GradientClipNorm is double clipNorm)
        {
            torch.nn.utils.clip_grad_norm_(_model.parameters(), clipNorm);
        }

        _optimizer.step();
        _optimizer.zero_grad();
        _microBatches = 0;
        context.GlobalStep++;
        TrainingTelemetry.Steps.Add(1);
        foreach (ITrainingCallback callback in _callbacks)
        {
            callback.OnStepEnd(context);
        }
    }

    private EpochSummary FinishEpoch(TrainingContext context, double trainLoss, TimeSpan duration)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["train_loss"] = trainLoss };
        if (_validation is not null)
        {
            var evaluator = new Evaluator(_model, _options.Loss!, (_output ?? _streamOutput)!, _torchDevice, Math.Max(_options.BatchSize, 256));
            foreach ((string key, double value) in evaluator.Evaluate(_validation))
            {
                metrics[key] = value;
            }
        }

        metrics["lr"] = _optimizer.ParamGroups.First().LearningRate;
        var summary = new EpochSummary(context.Epoch, context.GlobalStep, metrics, duration);
        TrainingTelemetry.Epochs.Add(1);
        TrainingTelemetry.EpochDuration.Record(duration.TotalSeconds);
        TrainingLog.EpochDone(_logger, context.Epoch, _options.MaxEpochs, duration.TotalSeconds, new MetricsText(metrics));
        foreach (ITrainingCallback callback in _callbacks)
        {
            callback.OnEpochEnd(context, summary);
        }

        LastEpochMetrics = metrics;
        return summary;
    }

    private IReadOnlyDictionary<string, double> LastEpochMetrics { get; set; } = new Dictionary<string, double>(StringComparer.Ordinal);

    private void WriteRequestedCheckpoints(TrainingContext context, IReadOnlyDictionary<string, double> metrics)
    {
        foreach (string path in context.RequestedCheckpoints.Distinct(StringComparer.Ordinal))
        {
            WriteCheckpoint(context, path, metrics);
        }

        context.ClearRequestedCheckpoints();
    }

    private void WriteCheckpoint(TrainingContext context, string path, IReadOnlyDictionary<string, double> metrics)
    {
        using torch.Tensor rng = torch.random.get_rng_state();
        var header = new CheckpointHeader
        {
            EpochsCompleted = context.BatchInEpoch == 0 ? context.Epoch : context.Epoch - 1,
            GlobalStep = context.GlobalStep,
            BatchInEpoch = context.BatchInEpoch,
            Seed = _options.Seed,
            Task = _options.Task.ToString(),
            OptimizerType = _optimizer.GetType().FullName!,
            Parameters = CheckpointFile.DescribeState(_model),
            CallbackStates = _options.Callbacks.OfType<ICheckpointableCallback>().ToDictionary(static c => c.StateKey, static c => c.SaveState(), StringComparer.Ordinal),
            Metrics = new Dictionary<string, double>(metrics, StringComparer.Ordinal),
            RngState = Convert.ToBase64String(rng.data<byte>().ToArray()),
            EpochLossSum = context.BatchInEpoch == 0 ? 0 : _epochLossSum,
            EpochLossCount = context.BatchInEpoch == 0 ? 0 : _epochLossCount,
            CreatedAt = _time.GetUtcNow(),
        };
        CheckpointFile.Write(path, header, _model, _optimizer);
        TrainingLog.CheckpointWritten(_logger, path);
    }

    private TrainingProgress Progress(TrainingContext context, int batchInEpoch, double loss, IReadOnlyDictionary<string, double> metrics, ThroughputMeter meter, bool isEpochEnd)
    {
        int? perEpoch = _batches?.BatchCount;
        long? left = perEpoch is int n ? ((long)(_options.MaxEpochs - context.Epoch) * n) + (n - batchInEpoch) : null;
        if (_options.MaxSteps is long maxSteps)
        {
            long stepsLeft = (maxSteps - context.GlobalStep) * _options.AccumulationSteps;
            left = left is long l ? Math.Min(l, stepsLeft) : stepsLeft;
        }

        return new TrainingProgress(
            context.Epoch, _options.MaxEpochs, batchInEpoch, perEpoch, context.GlobalStep, loss, metrics,
            meter.SamplesPerSecond, left is long remaining ? meter.Remaining(remaining) : null, isEpochEnd);
    }

    private Dictionary<string, string> DescribeParams()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["task"] = _options.Task.ToString(),
            ["batch_size"] = _options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["max_epochs"] = _options.MaxEpochs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = _options.Seed.ToString(CultureInfo.InvariantCulture),
            ["shuffle"] = _options.Shuffle ? "true" : "false",
            ["accumulation_steps"] = _options.AccumulationSteps.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = _optimizer.GetType().Name,
            ["learning_rate"] = _initialLearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["model_parameters"] = _model.parameters().Sum(static p => p.numel()).ToString(CultureInfo.InvariantCulture),
            ["device"] = _device.ToString(),
        };
        AddOptional(parameters, "max_steps", _options.MaxSteps?.ToString(CultureInfo.InvariantCulture));
        AddOptional(parameters, "gradient_clip_norm", _options.GradientClipNorm?.ToString("R", CultureInfo.InvariantCulture));
        AddOptional(parameters, "gradient_clip_value", _options.GradientClipValue?.ToString("R", CultureInfo.InvariantCulture));
        AddOptional(parameters, "validation_split", _options.ValidationSplit > 0 ? _options.ValidationSplit.ToString("R", CultureInfo.InvariantCulture) : null);
        AddOptional(parameters, "resumed_from", _options.ResumeFrom);
        foreach ((string key, string value) in _options.Params)
        {
            parameters[key] = value;
        }

        return parameters;
    }

    private static void AddOptional(Dictionary<string, string> parameters, string key, string? value)
    {
        if (value is not null)
        {
            parameters[key] = value;
        }
    }
}
