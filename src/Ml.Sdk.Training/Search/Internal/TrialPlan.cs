using System.Collections.ObjectModel;

namespace Ml.Sdk.Training.Search.Internal;

/// <summary>The parameter sets a search tries, one per trial, generated lazily so that a huge grid costs nothing.</summary>
internal static class TrialPlan
{
    /// <summary>Checks the space against the strategy at once, then returns the parameter sets.</summary>
    /// <exception cref="ArgumentException">A grid holds a continuous dimension.</exception>
    public static IEnumerable<IReadOnlyDictionary<string, object>> Create(SearchSpace space, SearchStrategy strategy, int maxTrials, int seed)
    {
        IReadOnlyList<SearchDimension> dimensions = space.Dimensions.ToArray(); // later additions to the space do not leak in
        if (strategy == SearchStrategy.Random)
        {
            return RandomDraws(dimensions, maxTrials, seed);
        }

        foreach (SearchDimension dimension in dimensions)
        {
            if (dimension.GridSize is null)
            {
                throw new ArgumentException(
                    $"Grid search cannot enumerate {dimension.Kind} '{dimension.Name}', a continuous parameter; use Choice or IntRange, or the Random strategy.",
                    nameof(space));
            }
        }

        return GridPoints(dimensions, maxTrials);
    }

    // An odometer over the grid indices: the last dimension turns fastest, the first slowest, as sklearn's ParameterGrid.
    private static IEnumerable<IReadOnlyDictionary<string, object>> GridPoints(IReadOnlyList<SearchDimension> dimensions, int maxTrials)
    {
        long[] position = new long[dimensions.Count];
        for (int trial = 0; trial < maxTrials; trial++)
        {
            var parameters = new Dictionary<string, object>(dimensions.Count, StringComparer.Ordinal);
            for (int d = 0; d < dimensions.Count; d++)
            {
                parameters[dimensions[d].Name] = dimensions[d].GridValue(position[d]);
            }

            yield return new ReadOnlyDictionary<string, object>(parameters);

            int turning = dimensions.Count - 1;
            while (turning >= 0 && ++position[turning] == dimensions[turning].GridSize)
            {
                position[turning] = 0;
                turning--;
            }

            if (turning < 0)
            {
                yield break; // every combination tried
            }
        }
    }

    private static IEnumerable<IReadOnlyDictionary<string, object>> RandomDraws(IReadOnlyList<SearchDimension> dimensions, int maxTrials, int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < maxTrials; trial++)
        {
            var parameters = new Dictionary<string, object>(dimensions.Count, StringComparer.Ordinal);
            foreach (SearchDimension dimension in dimensions)
            {
                parameters[dimension.Name] = dimension.Sample(random);
            }

            yield return new ReadOnlyDictionary<string, object>(parameters);
        }
    }
}
