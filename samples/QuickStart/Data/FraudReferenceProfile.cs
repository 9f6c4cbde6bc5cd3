using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Profiles;

namespace QuickStart.Data;

/// <summary>
/// The reference the monitor compares served traffic with: the model's five inputs and two outputs over the rows it
/// was trained on, compiled once into a profile that is registered next to the model version (chapter 3) and read back
/// by the monitor (chapter 5).
/// </summary>
public static class FraudReferenceProfile
{
    /// <summary>The artifact's file name in the registry.</summary>
    public const string FileName = "reference-profile.bin";

    /// <summary>Profiles <paramref name="rows"/> rows of features and the model's logits for them, and serializes the profile.</summary>
    public static async Task<byte[]> BuildAsync(float[] features, float[] logits, int rows, CancellationToken cancellationToken)
    {
        var reference = new DriftDataset();
        AddColumns(reference, features, FraudFeatures.Names, rows);
        AddColumns(reference, logits, FraudFeatures.OutputNames, rows);
        ReferenceProfile profile = ReferenceProfile.Create(reference);
        using var buffer = new MemoryStream();
        await profile.WriteToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static void AddColumns(DriftDataset dataset, float[] rowMajor, string[] names, int rows)
    {
        for (int column = 0; column < names.Length; column++)
        {
            float[] values = new float[rows];
            for (int row = 0; row < rows; row++)
            {
                values[row] = rowMajor[(row * names.Length) + column];
            }

            dataset.AddNumeric(names[column], values);
        }
    }
}
