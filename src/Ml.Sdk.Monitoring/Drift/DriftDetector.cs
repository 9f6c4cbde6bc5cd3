using System.Runtime.ExceptionServices;
using Ml.Sdk.Monitoring.Drift.Internal;
using Ml.Sdk.Monitoring.Profiles;
using Ml.Sdk.Monitoring.Profiles.Internal;

namespace Ml.Sdk.Monitoring.Drift;

/// <summary>Computes per-column and dataset drift of current data against a reference profile.</summary>
/// <remarks>
/// <para>
/// <b>Method.</b> Without an override (<see cref="DriftOptions.Columns"/>, then <see cref="DriftOptions.NumericMethod"/>
/// or <see cref="DriftOptions.CategoricalMethod"/>) the method follows Evidently's rule on the reference's non-missing
/// count n and the number of distinct values over reference ∪ current: n ≤ 1,000: numeric with more than five distinct
/// values → Kolmogorov–Smirnov; other numeric columns are treated as categorical (labels = the values) and, like
/// categorical columns, get the Z-test with at most two categories, else chi-square. n &gt; 1,000: numeric with more
/// than five distinct values → normed Wasserstein, the rest → Jensen–Shannon on category shares. Whether a numeric
/// column can be treated as categorical is decided by the profile: only columns with at most five distinct reference
/// values are. Chi-square, the Z-test and total variation apply to categorical columns (and to those numeric ones);
/// the rank tests, the t-test and Wasserstein to numeric columns only; the binned distances to both.
/// </para>
/// <para>
/// <b>Numeric computations.</b> Binned distances use the profile's reference-quantile bins, the first and last open-ended,
/// with the current values counted into them; Evidently instead bins over the union of reference and current values,
/// which would need the reference again. Rank tests and Wasserstein compare the profile's sorted sample with the sorted
/// current values (exact when the reference had at most <see cref="ReferenceProfileOptions.SortedSampleLimit"/>
/// values). The t-test uses the moments (pooled variance, as Evidently's <c>ttest_ind</c> call); when both columns are
/// constant it gives t = 0, p = 1 for equal values and t = ±∞, p = 0 otherwise. Normed Wasserstein divides by the
/// reference's population standard deviation, at least 0.001. NaN and ±∞ are missing: left out of every test and
/// counted in <see cref="ColumnDriftResult.CurrentMissingCount"/>.
/// </para>
/// <para>
/// <b>Categorical computations.</b> Categories are the union of both sides. Chi-square expects the reference share
/// times the current count; a category the reference never saw that the current data has gives an infinite statistic
/// and p = 0, and is listed in <see cref="ColumnDriftResult.UnseenCategories"/>. The Z-test compares the share of the
/// reference's most frequent category (ties: the ordinally first label); when the pooled share is 0 or 1 it gives p = 1.
/// </para>
/// <para>
/// <b>Untested columns.</b> A column missing from the current data (<see cref="ColumnDriftStatus.MissingFromCurrent"/>),
/// a current window without rows (<see cref="ColumnDriftStatus.NoCurrentRows"/>), a reference column without values
/// (<see cref="ColumnDriftStatus.NoReferenceValues"/>) and a current column without values
/// (<see cref="ColumnDriftStatus.NoCurrentValues"/>), checked in that order, give NaN score, statistic and p-value, are
/// never drifted and do not count towards the drift share, which is 0 (never NaN) when nothing was tested.
/// </para>
/// <para>
/// <b>Dataset.</b> The drift share is drifted ÷ tested columns and the dataset drifts when at least one column was tested
/// and the share is at or above <see cref="DriftOptions.DriftShareThreshold"/>. Bonferroni multiplies each p-value by the
/// number m of columns tested with p-value methods (capped at 1); Benjamini–Hochberg gives the step-up adjusted
/// p-values; the adjusted value is the column's score and is compared with its threshold.
/// </para>
/// </remarks>
public static class DriftDetector
{
    /// <summary>Compares <paramref name="current"/> with a precomputed reference profile; the reference is never rescanned.</summary>
    /// <param name="reference">The reference profile.</param>
    /// <param name="current">The current data; columns are matched by name, extra columns are ignored.</param>
    /// <param name="options">The methods and thresholds; <see langword="null"/> for the defaults.</param>
    /// <returns>The verdict per column and for the dataset.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name names it): a p-value threshold not in (0, 1], a distance threshold not above 0, the drift share threshold not in (0, 1], the epsilon not in (0, 0.1).</exception>
    /// <exception cref="ArgumentException">A current column's kind differs from the reference's, or an option names a method that does not fit the column's kind.</exception>
    public static DatasetDriftResult Detect(ReferenceProfile reference, DriftDataset current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        DriftOptionsValidator.Validate(options);

        IReadOnlyList<ColumnProfile> profiles = reference.Columns;
        var outcomes = new ColumnOutcome[profiles.Count];
        for (int i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = Plan(profiles[i], current, options);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        double epsilon = options.EmptyBinEpsilon;
        try
        {
            Parallel.For(0, outcomes.Length, parallel, i => ColumnDriftComputer.Compute(outcomes[i], profiles[i], epsilon));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }

        return Conclude(outcomes, reference.RowCount, current.RowCount, options);
    }

    /// <summary>Profiles <paramref name="reference"/> with the default profile options, then compares <paramref name="current"/> with it.</summary>
    /// <param name="reference">The reference data.</param>
    /// <param name="current">The current data.</param>
    /// <param name="options">The methods and thresholds; <see langword="null"/> for the defaults.</param>
    /// <returns>The verdict per column and for the dataset.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name names it).</exception>
    /// <exception cref="ArgumentException">The reference has no columns or rows, a current column's kind differs from the reference's, or an option names a method that does not fit the column's kind.</exception>
    public static DatasetDriftResult Detect(DriftDataset reference, DriftDataset current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        DriftOptionsValidator.Validate(options ?? new DriftOptions());
        return Detect(ReferenceProfile.Create(reference), current, options);
    }

    private static ColumnOutcome Plan(ColumnProfile profile, DriftDataset current, DriftOptions options)
    {
        string name = profile.Name;
        ColumnDriftOptions? columnOptions = options.Columns.TryGetValue(name, out ColumnDriftOptions? found) ? found : null;
        DriftMethod? requested = columnOptions?.Method
            ?? (profile.Kind == ColumnKind.Numeric ? options.NumericMethod : options.CategoricalMethod);
        if (requested is { } method)
        {
            bool lowCardinality = profile.Numeric is { IsLowCardinality: true };
            bool fits = Enum.IsDefined(method) && (profile.Kind == ColumnKind.Numeric
                ? !DriftMethodTraits.IsCategoricalOnly(method) || lowCardinality
                : !DriftMethodTraits.IsNumericOnly(method));
            if (!fits)
            {
                throw new ArgumentException(
                    $"Method {method} does not apply to column '{name}', which is {profile.Kind.ToString().ToLowerInvariant()}" +
                    (profile.Kind == ColumnKind.Numeric ? " with more than five distinct reference values." : "."),
                    nameof(options));
            }
        }

        // Until the current values are seen, the automatic choice can still move between KS and chi-square or between
        // normed Wasserstein and Jensen-Shannon, but never between a p-value and a distance.
        long referenceCount = profile.Count;
        DriftMethod planned = requested ?? (profile.Kind == ColumnKind.Numeric && profile.Numeric!.IsLowCardinality is false
            ? DriftDetectorRules.NumericMethod(referenceCount)
            : DriftDetectorRules.CategoricalMethod(referenceCount, categories: int.MaxValue));
        bool pValue = DriftMethodTraits.IsPValue(planned);
        double threshold;
        if (columnOptions?.Threshold is { } columnThreshold)
        {
            string optionName = $"{nameof(DriftOptions.Columns)}[{name}].{nameof(ColumnDriftOptions.Threshold)}";
            if (pValue)
            {
                DriftOptionsValidator.PValueThreshold(columnThreshold, optionName);
            }
            else
            {
                DriftOptionsValidator.DistanceThreshold(columnThreshold, optionName);
            }

            threshold = columnThreshold;
        }
        else
        {
            threshold = pValue ? options.PValueThreshold : options.DistanceThreshold;
        }

        DriftColumn? column = null;
        if (current.TryGetColumn(name, out DriftColumn found2))
        {
            if (found2.Kind != profile.Kind)
            {
                throw new ArgumentException(
                    $"Column '{name}' is {found2.Kind.ToString().ToLowerInvariant()} in the current data but {profile.Kind.ToString().ToLowerInvariant()} in the reference profile.",
                    nameof(current));
            }

            column = found2;
        }

        return new ColumnOutcome
        {
            Column = name,
            Kind = profile.Kind,
            Method = planned,
            RequestedMethod = requested,
            Threshold = threshold,
            Status = ColumnDriftStatus.MissingFromCurrent,
            ReferenceCount = referenceCount,
            ReferenceMean = profile.Numeric?.Count > 0 ? profile.Numeric.Mean : double.NaN,
            Current = column,
        };
    }

    private static DatasetDriftResult Conclude(ColumnOutcome[] outcomes, long referenceRows, long currentRows, DriftOptions options)
    {
        var pValueColumns = new List<int>();
        for (int i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Status == ColumnDriftStatus.Tested && outcomes[i].IsPValue)
            {
                pValueColumns.Add(i);
            }
        }

        double[] raw = [.. pValueColumns.Select(i => outcomes[i].PValue)];
        double[] adjusted = new double[raw.Length];
        PValueCorrection.Adjust(options.Correction, raw, adjusted);
        for (int k = 0; k < pValueColumns.Count; k++)
        {
            outcomes[pValueColumns[k]].Score = adjusted[k];
        }

        var results = new ColumnDriftResult[outcomes.Length];
        int tested = 0;
        int drifted = 0;
        for (int i = 0; i < outcomes.Length; i++)
        {
            ColumnOutcome o = outcomes[i];
            bool isTested = o.Status == ColumnDriftStatus.Tested;
            bool columnDrifted = isTested && (o.IsPValue ? o.Score < o.Threshold : o.Score >= o.Threshold);
            tested += isTested ? 1 : 0;
            drifted += columnDrifted ? 1 : 0;
            results[i] = new ColumnDriftResult
            {
                Column = o.Column,
                Kind = o.Kind,
                Method = o.Method,
                Status = o.Status,
                IsPValueMethod = o.IsPValue,
                Score = isTested ? o.Score : double.NaN,
                Statistic = isTested ? o.Statistic : double.NaN,
                PValue = isTested && o.IsPValue ? o.PValue : double.NaN,
                Threshold = o.Threshold,
                Drifted = columnDrifted,
                ReferenceCount = o.ReferenceCount,
                CurrentCount = o.CurrentCount,
                CurrentMissingCount = o.CurrentMissingCount,
                UnseenCategories = o.UnseenCategories,
                ReferenceMean = o.ReferenceMean,
                CurrentMean = o.CurrentMean,
                Distribution = isTested ? o.Distribution : null,
            };
        }

        double share = tested == 0 ? 0 : drifted / (double)tested;
        return new DatasetDriftResult
        {
            Columns = results,
            TestedColumnCount = tested,
            DriftedColumnCount = drifted,
            DriftShare = share,
            DriftShareThreshold = options.DriftShareThreshold,
            DatasetDrifted = tested > 0 && share >= options.DriftShareThreshold,
            Correction = options.Correction,
            ReferenceRowCount = referenceRows,
            CurrentRowCount = currentRows,
        };
    }
}
