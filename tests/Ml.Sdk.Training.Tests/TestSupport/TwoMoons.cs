namespace Ml.Sdk.Training.Tests.TestSupport;

/// <summary>
/// The two interleaving half circles of scikit-learn's <c>make_moons</c> (same construction: the upper moon is
/// (cos t, sin t), the lower (1 - cos t, 1 - sin t - 0.5) for t evenly spaced in [0, π], Gaussian noise added), generated
/// with a seed so every test sees the same data. Rows are shuffled.
/// </summary>
internal static class TwoMoons
{
    public static (float[] Features, long[] Labels) Generate(int rows, double noise, int seed)
    {
        int outer = rows / 2;
        int inner = rows - outer;
        var random = new Random(seed);
        var features = new float[rows * 2];
        var labels = new long[rows];
        int[] order = Enumerable.Range(0, rows).ToArray();
        random.Shuffle(order);
        for (int i = 0; i < rows; i++)
        {
            bool isOuter = i < outer;
            int k = isOuter ? i : i - outer;
            int count = isOuter ? outer : inner;
            double t = count == 1 ? 0 : Math.PI * k / (count - 1);
            double x = isOuter ? Math.Cos(t) : 1 - Math.Cos(t);
            double y = isOuter ? Math.Sin(t) : 1 - Math.Sin(t) - 0.5;
            int row = order[i];
            features[row * 2] = (float)(x + (noise * Gaussian(random)));
            features[(row * 2) + 1] = (float)(y + (noise * Gaussian(random)));
            labels[row] = isOuter ? 0 : 1;
        }

        return (features, labels);
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
