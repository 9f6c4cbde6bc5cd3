using Ml.Sdk.Monitoring.Drift;

namespace Ml.Sdk.Monitoring.Tests.Profiles;

/// <summary>Seeded datasets with numeric, low-cardinality and categorical columns, and a deep comparison of results.</summary>
internal static class ProfileTestData
{
    public static DriftDataset Mixed(Random random, int rows, float shift)
    {
        float[] normal = new float[rows];
        float[] uniform = new float[rows];
        float[] lowCardinality = new float[rows];
        string?[] labels = new string?[rows];
        float[] codes = new float[rows];
        string[] categories = ["red", "green", "blue", "cyan"];
        for (int i = 0; i < rows; i++)
        {
            normal[i] = (float)(Normal(random) + shift);
            uniform[i] = i % 97 == 0 ? float.NaN : (float)(random.NextDouble() * 10 + shift);
            lowCardinality[i] = random.Next(3);
            labels[i] = i % 50 == 0 ? null : categories[Math.Min(3, (int)(random.NextDouble() * (4 + shift)))];
            codes[i] = random.Next(2);
        }

        return new DriftDataset()
            .AddNumeric("normal", normal)
            .AddNumeric("uniform", uniform)
            .AddNumeric("low", lowCardinality)
            .AddCategorical("color", labels)
            .AddCategoricalCodes("flag", codes);
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static void AssertSameResults(DatasetDriftResult expected, DatasetDriftResult actual)
    {
        Assert.Equal(expected.DriftShare, actual.DriftShare);
        Assert.Equal(expected.DatasetDrifted, actual.DatasetDrifted);
        Assert.Equal(expected.Columns.Count, actual.Columns.Count);
        for (int i = 0; i < expected.Columns.Count; i++)
        {
            ColumnDriftResult e = expected.Columns[i];
            ColumnDriftResult a = actual.Columns[i];
            Assert.Equal(e.Column, a.Column);
            Assert.Equal(e.Method, a.Method);
            Assert.Equal(e.Status, a.Status);
            Assert.Equal(e.Score, a.Score);
            Assert.Equal(e.Statistic, a.Statistic);
            Assert.Equal(e.PValue, a.PValue);
            Assert.Equal(e.Drifted, a.Drifted);
            Assert.Equal(e.ReferenceMean, a.ReferenceMean);
            Assert.Equal(e.CurrentMean, a.CurrentMean);
            Assert.Equal(e.UnseenCategories, a.UnseenCategories);
            Assert.Equal(e.Distribution?.BinEdges, a.Distribution?.BinEdges);
            Assert.Equal(e.Distribution?.Categories, a.Distribution?.Categories);
            Assert.Equal(e.Distribution?.ReferenceShares, a.Distribution?.ReferenceShares);
            Assert.Equal(e.Distribution?.CurrentShares, a.Distribution?.CurrentShares);
        }
    }
}
