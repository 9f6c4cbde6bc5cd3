using System.Globalization;

namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>Checks <see cref="DriftOptions"/> before any column is computed.</summary>
internal static class DriftOptionsValidator
{
    public static void Validate(DriftOptions options)
    {
        PValueThreshold(options.PValueThreshold, nameof(DriftOptions.PValueThreshold));
        DistanceThreshold(options.DistanceThreshold, nameof(DriftOptions.DistanceThreshold));
        if (!(options.DriftShareThreshold > 0 && options.DriftShareThreshold <= 1))
        {
            throw OutOfRange(nameof(DriftOptions.DriftShareThreshold), options.DriftShareThreshold, "The drift share threshold must be in (0, 1].");
        }

        if (!(options.EmptyBinEpsilon > 0 && options.EmptyBinEpsilon < 0.1))
        {
            throw OutOfRange(nameof(DriftOptions.EmptyBinEpsilon), options.EmptyBinEpsilon, "The empty-bin epsilon must be in (0, 0.1).");
        }

        if (options.MaxDegreeOfParallelism is < 1)
        {
            throw OutOfRange(nameof(DriftOptions.MaxDegreeOfParallelism), options.MaxDegreeOfParallelism, "The degree of parallelism must be at least 1.");
        }

        if (!Enum.IsDefined(options.Correction))
        {
            throw OutOfRange(nameof(DriftOptions.Correction), options.Correction, "Unknown multiple-testing correction.");
        }

        if (options.NumericMethod is { } numeric && (!Enum.IsDefined(numeric) || DriftMethodTraits.IsCategoricalOnly(numeric)))
        {
            throw Invalid($"{nameof(DriftOptions.NumericMethod)} {numeric} does not apply to numeric columns.", nameof(DriftOptions.NumericMethod));
        }

        if (options.CategoricalMethod is { } categorical && (!Enum.IsDefined(categorical) || DriftMethodTraits.IsNumericOnly(categorical)))
        {
            throw Invalid($"{nameof(DriftOptions.CategoricalMethod)} {categorical} does not apply to categorical columns.", nameof(DriftOptions.CategoricalMethod));
        }
    }

    // The option's name is the parameter name, so that callers see which option is wrong.
    private static ArgumentOutOfRangeException OutOfRange(string option, object? value, string message) => new(option, value, message);

    private static ArgumentException Invalid(string message, string option) => new(message, option);

    public static void PValueThreshold(double threshold, string name)
    {
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(name, threshold, string.Create(CultureInfo.InvariantCulture, $"A p-value threshold must be in (0, 1]; {name} is {threshold}."));
        }
    }

    public static void DistanceThreshold(double threshold, string name)
    {
        if (!(threshold > 0 && double.IsFinite(threshold)))
        {
            throw new ArgumentOutOfRangeException(name, threshold, string.Create(CultureInfo.InvariantCulture, $"A distance threshold must be finite and above 0; {name} is {threshold}."));
        }
    }
}
