using System.Runtime.InteropServices;

namespace Ml.Sdk.Monitoring.Performance.Internal;

/// <summary>Per-group confusion counts for binary labels and predictions.</summary>
internal struct GroupTally
{
    public long Count;
    public long Selected;
    public long Positives;
    public long TruePositives;
    public long FalsePositives;

    public readonly long Negatives => Count - Positives;

    public readonly double SelectionRate => (double)Selected / Count;

    // fairlearn takes the rates from sklearn's confusion_matrix(normalize="true"), whose nan_to_num turns an empty row
    // into zeros: a group without positives has a true-positive rate of 0, one without negatives a false-positive rate of 0.
    public readonly double TruePositiveRate => Positives == 0 ? 0.0 : (double)TruePositives / Positives;

    public readonly double FalsePositiveRate => Negatives == 0 ? 0.0 : (double)FalsePositives / Negatives;

    /// <summary>Counts each group; <paramref name="labels"/> may be empty when only selection rates are needed.</summary>
    public static Dictionary<int, GroupTally> ByGroup(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<int> groups)
    {
        var tallies = new Dictionary<int, GroupTally>();
        bool withLabels = !labels.IsEmpty;
        for (int i = 0; i < groups.Length; i++)
        {
            ref GroupTally tally = ref CollectionsMarshal.GetValueRefOrAddDefault(tallies, groups[i], out _);
            tally.Count++;
            bool predicted = predictions[i] == 1.0;
            if (predicted)
            {
                tally.Selected++;
            }

            if (withLabels && labels[i] == 1.0)
            {
                tally.Positives++;
                if (predicted)
                {
                    tally.TruePositives++;
                }
            }
            else if (withLabels && predicted)
            {
                tally.FalsePositives++;
            }
        }

        return tallies;
    }
}
